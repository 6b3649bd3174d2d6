"""The rules of a statistic and a data table, and the table's CSV: no database needed."""

import csv
import io
from decimal import Decimal

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from evidence.blocks import DataTableBlock, StatisticBlock
from evidence.tables import DataTable


def raw_statistic(label="England", value="59", **fields):
    return {
        "label": label,
        "series": "",
        "value": value,
        "unit": "count",
        "numerator": None,
        "denominator": None,
        "country": "",
        "year": 2016,
        "source": "",
        "caveat": "",
        "discrepancy": "",
        **fields,
    }


def clean_statistic(**fields):
    block = StatisticBlock()
    return block.clean(block.to_python(raw_statistic(**fields)))


def error_fields(excinfo):
    return set(excinfo.value.block_errors)


def test_a_figure_that_agrees_with_its_fraction_is_accepted():
    value = clean_statistic(unit="percent", value="91", numerator=142, denominator=156)
    assert value["value"] == Decimal("91")


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"unit": "percent", "value": "120"}, "value"),
        ({"numerator": 3}, "denominator"),
        ({"denominator": 24}, "numerator"),
        ({"numerator": 30, "denominator": 24, "value": "30"}, "numerator"),
        # 142 of 156 is 91%, not 95%: kept as the source has it only with a note.
        ({"unit": "percent", "value": "95", "numerator": 142, "denominator": 156}, "discrepancy"),
        ({"value": "7", "numerator": 3, "denominator": 24}, "discrepancy"),
    ],
)
def test_a_statistic_that_does_not_hold_together_is_refused(fields, field_in_error):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean_statistic(**fields)
    assert error_fields(excinfo) == {field_in_error}


def test_a_disagreeing_figure_is_kept_as_given_when_the_discrepancy_is_noted():
    value = clean_statistic(
        unit="percent",
        value="95",
        numerator=142,
        denominator=156,
        discrepancy="The report prints 95%; its counts give 91%.",
    )
    assert value["value"] == Decimal("95")


def raw_table(statistics, **fields):
    return {
        "caption": "What providers want to learn about",
        "row_heading": "Topic",
        "statistics": statistics,
        "source": "The survey report",
        "stated_total": None,
        "discrepancy": "",
        "show_chart": True,
        **fields,
    }


def clean_table(statistics, **fields):
    block = DataTableBlock()
    return block.clean(block.to_python(raw_table(statistics, **fields)))


def test_a_table_whose_rows_miss_the_stated_total_needs_a_note():
    rows = [raw_statistic("Personnel", "23"), raw_statistic("Housing", "9")]
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean_table(rows, stated_total="35")
    assert error_fields(excinfo) == {"discrepancy"}

    noted = clean_table(rows, stated_total="35", discrepancy="The report says 35; rows give 32.")
    assert DataTable(noted).total_discrepancy == {"counted": "32", "stated": "35"}
    assert DataTable(clean_table(rows, stated_total="32")).total_discrepancy is None


def test_a_table_cannot_hold_two_figures_for_one_cell():
    rows = [raw_statistic("England", "59"), raw_statistic("England", "60")]
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean_table(rows)
    assert error_fields(excinfo) == {"statistics"}


def test_series_become_columns_and_the_first_is_charted():
    block = DataTableBlock()
    value = block.to_python(
        raw_table(
            [
                raw_statistic("England", "126", series="Started"),
                raw_statistic("England", "59", series="Provide"),
                raw_statistic("Wales", "2", series="Started"),
            ]
        )
    )
    table = DataTable(value, block_id="abc")
    assert table.series == ["Started", "Provide"]
    assert [(row.label, [cell and cell.text for cell in row.cells]) for row in table.rows] == [
        ("England", ["126", "59"]),
        ("Wales", ["2", None]),
    ]
    bars = table.chart_bars()
    assert [bar.label for bar in bars] == ["England", "Wales"]
    # The largest figure fills the bar area; coordinates never carry a decimal comma.
    assert bars[0].width == "520.0" and float(bars[1].width) == pytest.approx(520 * 2 / 126, 0.01)


def test_the_csv_has_one_statistic_a_line_and_escapes_formulas():
    block = DataTableBlock()
    value = block.to_python(
        raw_table(
            [
                raw_statistic('=HYPERLINK("http://example.com")', "3", caveat="+1 extra"),
                raw_statistic("@SUM(A1)", "4", source="-2 rows", discrepancy="\tTabbed"),
                raw_statistic("Plain", "5", numerator=5, denominator=24, country="wales"),
            ],
            caption="=Caption",
        )
    )
    lines = list(DataTable(value).csv_lines())
    rows = list(csv.DictReader(io.StringIO("".join(lines))))
    assert [row["row"] for row in rows] == [
        '\'=HYPERLINK("http://example.com")',
        "'@SUM(A1)",
        "Plain",
    ]
    assert rows[0]["table"] == "'=Caption"
    assert rows[0]["caveat"] == "'+1 extra"
    assert rows[1]["source"] == "'-2 rows"
    assert rows[1]["discrepancy"] == "'\tTabbed"
    assert rows[2] | {"table": ""} == {
        "table": "",
        "row": "Plain",
        "series": "",
        "value": "5",
        "unit": "count",
        "numerator": "5",
        "denominator": "24",
        "country": "wales",
        "year": "2016",
        "source": "The survey report",
        "caveat": "",
        "discrepancy": "",
    }

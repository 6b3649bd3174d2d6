"""Demo stories: fictional composites, written for this hub, labelled as such wherever shown.

None of these people exist. Each story mixes everyday experiences that many people describe, so
that a newcomer can see the stories section, its filters and its moderation queue at work.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale

from hub.groups import MODERATORS
from hub.models import LifeFactor
from stories.choices import ContentNote, HowGiven, Region, Setting, Voice
from stories.models import ConsentRecord, StoryIndexPage, StoryPage
from stories.workflow import story_workflow

PUBLISHED, IN_MODERATION, CHANGES_REQUESTED = "published", "moderation", "changes"

DEMO_STORIES = [
    {
        "slug": "demo-a-tuesday-at-the-allotment",
        "title": "A Tuesday at the allotment",
        "pseudonym": "Rowan",
        "about_me": "I'm in my fifties and I've lived with depression on and off since my "
        "twenties. I used to be a joiner. These days my best hours are spent outdoors.",
        "region": Region.NORTH_WEST,
        "setting": Setting.TOWN,
        "voice": Voice.OWN_WORDS,
        "moments": [
            ("7am", "I wake up slowly. On a bad day I give myself until eight to get going."),
            ("9am", "Bus to the community allotment. Two changes, so I leave early."),
            (
                "10am till 1pm",
                "I look after the raised beds with the others. I built the benches last spring, "
                "and people still ask me how to fix things.",
            ),
            ("Evening", "Tea, telly, and a phone call with my sister on a Tuesday."),
        ],
        "factors": ["passions-and-experiences", "getting-out-and-about", "purpose-and-worth"],
        "passions": "Growing beans, woodwork, old westerns.",
        "hopes": "To run a short woodwork session for new members next year.",
        "what_helps": "Being asked to help instead of being helped. A key worker who texts "
        "before she calls.",
        "what_gets_in_the_way": "Buses that stop at six. Forms that ask the same questions every "
        "time.",
        "easy_read": "Rowan likes the allotment. He fixes things there. The bus is hard. Being "
        "useful makes him feel good.",
        "notes": [ContentNote.MENTAL_HEALTH_CRISIS],
        "keywords": ["allotment", "volunteering", "mental health"],
        "state": PUBLISHED,
    },
    {
        "slug": "demo-my-money-my-week",
        "title": "My money, my week",
        "pseudonym": "Jas",
        "about_me": "I'm 24 and I have a learning disability. I live in supported housing with "
        "two friends. I like music and I'm very good at remembering birthdays.",
        "region": Region.WEST_MIDLANDS,
        "setting": Setting.CITY,
        "voice": Voice.WITH_SUPPORTER,
        "moments": [
            ("8am", "Breakfast with my housemates. We take turns to choose the radio station."),
            (
                "Monday morning",
                "My support worker and I look at my money for the week. I keep it in three "
                "envelopes: food, fun and saving.",
            ),
            ("Afternoon", "Shopping with my list. I pay at the till myself."),
            ("Night", "I put a tick on my calendar when I stayed inside my food money."),
        ],
        "factors": ["money", "routine-and-choice", "individuality"],
        "passions": "Dancing, birthday cards, my phone's playlists.",
        "hopes": "To have a bank card I can use on my own.",
        "what_helps": "Pictures on my shopping list. People who let me count the change.",
        "what_gets_in_the_way": "Letters from the bank with long words.",
        "easy_read": "Jas plans her money with her support worker. She likes doing things "
        "herself. Long letters are hard.",
        "notes": [],
        "keywords": ["money", "learning disability", "supported housing"],
        "state": PUBLISHED,
    },
    {
        "slug": "demo-the-village-and-the-van",
        "title": "The village and the van",
        "pseudonym": "Morwenna",
        "about_me": "I'm 71, I care for my husband who has dementia, and I have arthritis in "
        "both knees. We've lived in the same village for forty years.",
        "region": Region.WALES,
        "setting": Setting.RURAL,
        "voice": Voice.OWN_WORDS,
        "moments": [
            ("6.30am", "I help Huw get up and dressed. It takes an hour, and we laugh most days."),
            (
                "Wednesday",
                "The community transport van takes us to the day centre in town. It's the only "
                "one, so if it's full we stay home.",
            ),
            ("Afternoon", "While Huw is at the centre I have my hair done and see a friend."),
            ("Evening", "Our neighbour pops in. She says it's for a cuppa; I know it's to check."),
        ],
        "factors": ["place", "getting-out-and-about", "relationships-and-social-networks"],
        "passions": "The chapel choir, crosswords, my grandchildren's drawings.",
        "hopes": "A second van day, so I could go back to choir.",
        "what_helps": "Neighbours. Staff at the day centre who know Huw by name.",
        "what_gets_in_the_way": "Distance. Everything is twenty miles away.",
        "easy_read": "Morwenna cares for her husband. They live far from town. The van helps "
        "them go out. Neighbours help too.",
        "notes": [],
        "keywords": ["carers", "rural", "dementia", "transport"],
        "state": PUBLISHED,
    },
    {
        "slug": "demo-starting-again",
        "title": "Starting again",
        "pseudonym": "Dee",
        "about_me": "I'm 38. I've been in recovery from alcohol for two years. My two children "
        "were in care for a while and now I see them every weekend.",
        "region": Region.LONDON,
        "setting": Setting.CITY,
        "voice": Voice.OWN_WORDS,
        "moments": [
            ("7am", "Coffee and a walk round the block. Routine keeps me steady."),
            (
                "10am",
                "Peer support group. Now I co-facilitate on Thursdays, and I earn time credits "
                "for it.",
            ),
            ("3pm", "I spend credits on a swimming session. It's my hour."),
            ("Saturday", "The kids stay over. We cook pancakes, badly."),
        ],
        "factors": ["purpose-and-worth", "relationships-and-social-networks", "money"],
        "passions": "Swimming, cooking with my kids, helping newer people in the group.",
        "hopes": "Paid work as a peer support worker.",
        "what_helps": "Being trusted with a role. Staff who remember I'm more than my past.",
        "what_gets_in_the_way": "Having to tell my history again to every new worker.",
        "easy_read": "Dee stopped drinking. She helps others in a group now. She sees her "
        "children at weekends.",
        "notes": [ContentNote.SUBSTANCE_USE, ContentNote.CHILDREN_IN_CARE],
        "keywords": ["recovery", "peer support", "time credits"],
        "state": PUBLISHED,
    },
    {
        "slug": "demo-my-own-front-door",
        "title": "My own front door",
        "pseudonym": "Theo",
        "about_me": "I'm 29 and autistic. I moved into my own flat last year after a long time "
        "in a residential service.",
        "region": Region.SOUTH_WEST,
        "setting": Setting.TOWN,
        "voice": Voice.OWN_WORDS,
        "moments": [
            ("Whenever I like", "I get up when I choose. That is still new and still good."),
            ("Midday", "I cook the same lunch every day because I like it, not because I must."),
            ("Afternoon", "Library. I'm reading every book about trains, shelf by shelf."),
            ("Evening", "Online game with two friends I met at college."),
        ],
        "factors": ["routine-and-choice", "individuality", "place"],
        "passions": "Trains, strategy games, quiet places.",
        "hopes": "To travel by train to Scotland on my own.",
        "what_helps": "Being asked before plans change.",
        "what_gets_in_the_way": "Noisy buses. People who talk to my support worker instead of me.",
        "easy_read": "Theo has his own flat now. He chooses his day. He loves trains.",
        "notes": [],
        "keywords": ["autism", "independent living"],
        "state": IN_MODERATION,
    },
    {
        "slug": "demo-out-and-about-on-two-wheels",
        "title": "Out and about on two wheels",
        "pseudonym": "Kit",
        "about_me": "I'm 45 and I use a wheelchair after a stroke. I used to cycle everywhere; "
        "now I'm learning to handcycle.",
        "region": Region.SCOTLAND,
        "setting": Setting.CITY,
        "voice": Voice.FAMILY_MEMBER,
        "moments": [
            ("Morning", "Physio exercises with my daughter timing me."),
            ("11am", "Accessible cycling club at the park on Fridays."),
            ("Afternoon", "Rest. Stroke tiredness is real."),
        ],
        "factors": ["getting-out-and-about", "passions-and-experiences"],
        "passions": "Cycling, the sea, radio plays.",
        "hopes": "Ride the coast path with my old club.",
        "what_helps": "Dropped kerbs. Staff who let me try.",
        "what_gets_in_the_way": "Broken lifts at the station.",
        "easy_read": "Kit had a stroke. He rides a special bike now. Broken lifts stop him.",
        "notes": [ContentNote.HOSPITAL],
        "keywords": ["stroke", "cycling", "disability"],
        "state": CHANGES_REQUESTED,
        "moderator_comment": "Thank you, Kit. Could you say a little more about how the club "
        "started? Please also check you are happy to name the park.",
    },
]


@transaction.atomic
def load_demo_stories(stdout=None):
    """Create the demo stories that are missing (matched by slug); never touch existing ones."""
    locale = Locale.get_default()
    index = StoryIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise RuntimeError("Run bootstrap_hub first: there is no Stories section.")
    moderator = get_user_model().objects.filter(groups=Group.objects.get(name=MODERATORS)).first()
    created = []
    for data in DEMO_STORIES:
        if StoryPage.objects.filter(slug=data["slug"], locale=locale).exists():
            continue
        create_demo_story(index, data, moderator)
        created.append(data["title"])
    return created


def create_demo_story(index, data, moderator):
    story = StoryPage(
        title=data["title"],
        slug=data["slug"],
        pseudonym=data["pseudonym"],
        about_me=data["about_me"],
        region=data["region"],
        setting=data["setting"],
        voice=data["voice"],
        day=[
            ("moment", {"time_of_day": when, "what_happens": what, "image": None, "image_alt": ""})
            for when, what in data["moments"]
        ],
        passions=data["passions"],
        hopes=data["hopes"],
        what_helps=data["what_helps"],
        what_gets_in_the_way=data["what_gets_in_the_way"],
        easy_read_summary=data["easy_read"],
        content_notes=[str(note) for note in data["notes"]],
        is_illustrative=True,
        live=False,
    )
    index.add_child(instance=story)
    factors = LifeFactor.in_language(index.locale_id)
    story.life_factors.set([factor for factor in factors if factor.key in data["factors"]])
    story.keywords.set(data["keywords"])
    story.save()
    ConsentRecord.objects.create(
        story=story,
        publish_on_web=True,
        translate=True,
        quote_elsewhere=False,
        how_given=HowGiven.SELF,
    )
    revision = story.save_revision()
    if data["state"] == PUBLISHED:
        revision.publish()
        return story
    workflow_state = story_workflow().start(story, user=None)
    if data["state"] == CHANGES_REQUESTED:
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(
            task_state, moderator, "reject", comment=data["moderator_comment"]
        )
    return story

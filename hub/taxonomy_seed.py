"""The seed taxonomy, in the project's own words.

Names and keys follow the source catalogue and the 'day in the life' research; descriptions and
questions are written for this hub. Colours are dark enough for white text (contrast above 4.5:1).
"""

PRINCIPLES = [
    {
        "key": "assets",
        "name": "Assets",
        "order": 1,
        "colour": "#1d4f91",
        "short_description": (
            "People who use services are partners with knowledge, skills and experience to "
            "offer, not problems to be managed."
        ),
        "questions": [
            "How do people tell you what they are good at, and what changes when they do?",
            "Where in your service do people who use it plan and decide as equals?",
            "Whose experience counts as expertise when your service makes decisions?",
        ],
    },
    {
        "key": "capabilities",
        "name": "Capabilities",
        "order": 2,
        "colour": "#6b3a8c",
        "short_description": (
            "Start from what people can do and help them grow it, instead of starting from "
            "what is wrong with them."
        ),
        "questions": [
            "How does your service find out what people want to learn or try?",
            "What real chances do people have to use and build their abilities here?",
            "Do your assessments record strengths as carefully as needs?",
        ],
    },
    {
        "key": "mutuality",
        "name": "Mutuality",
        "order": 3,
        "colour": "#a0361c",
        "short_description": (
            "Support flows both ways: people give as well as receive, and what they give is "
            "recognised."
        ),
        "questions": [
            "What can people offer back, and how is it recognised or rewarded?",
            "Are expectations and responsibilities shared between staff and the people they "
            "support?",
            "How would someone know that their contribution made a difference?",
        ],
    },
    {
        "key": "networks",
        "name": "Networks",
        "order": 4,
        "colour": "#2a6b2e",
        "short_description": (
            "Peer and personal networks stand alongside professionals as sources of support, "
            "knowledge and friendship."
        ),
        "questions": [
            "How does your service help people meet, and support, each other?",
            "Which community groups do you work with, and who leads those links?",
            "What happens to people's connections when they stop using the service?",
        ],
    },
    {
        "key": "blur_roles",
        "name": "Blur roles",
        "order": 5,
        "colour": "#865300",
        "short_description": (
            "The line between those who provide and those who receive softens, so that power "
            "and responsibility are shared."
        ),
        "questions": [
            "Could someone who uses your service take on a paid or volunteer role in it?",
            "Who takes part in recruiting staff, setting budgets or designing services?",
            "Which rules or habits keep staff and people who use services apart?",
        ],
    },
    {
        "key": "catalysts",
        "name": "Catalysts",
        "order": 6,
        "colour": "#9c1f55",
        "short_description": (
            "Public bodies move from doing everything themselves to making it easier for "
            "others to act."
        ),
        "questions": [
            "What does your organisation make possible for others, rather than doing for them?",
            "How do commissioners and managers make room for community-led action?",
            "Which of your resources (rooms, budgets, time) could others use?",
        ],
    },
]

LIFE_FACTORS = [
    {
        "key": "individuality",
        "name": "Individuality",
        "description": "Being seen as a whole person, not a diagnosis or a case.",
    },
    {
        "key": "passions-and-experiences",
        "name": "Passions and experiences",
        "description": "Hobbies, interests, trips and the things that make a day worth living.",
    },
    {
        "key": "place",
        "name": "Place",
        "description": "Where someone lives and spends the day, and what that place offers.",
    },
    {
        "key": "routine-and-choice",
        "name": "Routine and choice",
        "description": "The shape of the day, and how much of it a person chooses.",
    },
    {
        "key": "money",
        "name": "Money",
        "description": "What there is to spend, and what it makes possible or rules out.",
    },
    {
        "key": "getting-out-and-about",
        "name": "Getting out and about",
        "description": "Transport, access and confidence to go where you want to go.",
    },
    {
        "key": "relationships-and-social-networks",
        "name": "Relationships and social networks",
        "description": "Family, friends, peers and neighbours, and the support they give.",
    },
    {
        "key": "purpose-and-worth",
        "name": "A sense of purpose and worth",
        "description": "Feeling useful and valued: volunteering, work, helping others.",
    },
]

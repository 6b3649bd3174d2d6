"""The names of the hub's standing groups.

Workflows, forums and the permission policy (provisioning.permissions) all refer to these groups;
the names live here, in the shared base, so that none of them has to reach into another for them.
"""

EXPERTS = "Experts by experience"
FORUM_MEMBERS = "Learning forum members"
MODERATORS = "Moderators"
EDITORS = "Editors"
TRANSLATORS = "Translators"
GROUPS = [EXPERTS, FORUM_MEMBERS, MODERATORS, EDITORS, TRANSLATORS]

"""The schema versions and the closed vocabularies of the models (str-valued enums)."""

import enum

#: The version of the JSON form written by this release; see ``schemas/``.
SCHEMA_VERSION = "1.1"

#: Every version this release reads, oldest first. A document of an older version is
#: read as the current one: each version only adds optional properties to the last.
READABLE_VERSIONS = ("1.0", "1.1")


class SourceKind(str, enum.Enum):
    """What kind of entity a source is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"
    GOVERNMENT = "government"
    MEDIA = "media"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


class ClaimMode(str, enum.Enum):
    """How a claim is reported.

    ``direct``: quoted verbatim; ``indirect``: paraphrased (reported speech, "according
    to"); ``mixed``: paraphrase carrying a verbatim quoted fragment.
    """

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class RebuttalKind(str, enum.Enum):
    """How one claim answers another."""

    DENIAL = "denial"
    DISPUTE = "dispute"
    CANNOT_VERIFY = "cannot_verify"
    COUNTERCLAIM = "counterclaim"
    RESPONSE = "response"


class AnonymityKind(str, enum.Enum):
    """The stated condition under which sources are not named."""

    CONDITION_OF_ANONYMITY = "condition_of_anonymity"
    NOT_AUTHORIZED = "not_authorized"
    DECLINED_TO_BE_NAMED = "declined_to_be_named"
    OTHER = "other"


class NonResponseKind(str, enum.Enum):
    """How a source did not answer."""

    DECLINED_TO_COMMENT = "declined_to_comment"
    DID_NOT_RESPOND = "did_not_respond"
    COULD_NOT_BE_REACHED = "could_not_be_reached"
    UNAVAILABLE = "unavailable"


class CountQualifier(str, enum.Enum):
    """How exact a group's stated ``count`` is ("two" vs "more than a dozen")."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"

"""The Doc extension that holds extraction results, registered once.

``doc._.attribution`` is the :class:`~attribution.model.AttributedDocument` in its plain
JSON form (a dict), so ``DocBin(store_user_data=True)`` and multiprocessing keep it.
"""

from spacy.tokens import Doc

__all__ = ["EXTENSION", "register_extensions"]

#: Name of the Doc extension attribute.
EXTENSION = "attribution"


def register_extensions() -> None:
    """Register ``Doc._.attribution`` unless it is registered already."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


register_extensions()

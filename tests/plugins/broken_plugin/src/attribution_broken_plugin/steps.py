"""A step that loads and is created fine but returns the wrong type when run."""


class WrongTypeStep:
    """Returns a dict instead of an AttributedDocument."""

    name = "attribution_broken_plugin.wrong_type.v1"
    after = ("attribution.claims.v1",)
    before = ()

    def __call__(self, doc, partial):
        return {"claims": []}


def make_wrong_type(nlp, **config):
    """The factory."""
    return WrongTypeStep()

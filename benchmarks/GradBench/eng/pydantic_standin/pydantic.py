"""A stand-in for the one pydantic 2 feature GradBench's evals use (pydantic 2 is not packaged in Debian 12).

`gradbench/eval.py` declares response models as `class X(BaseModel)` with annotated fields (some with
defaults), builds them with keyword arguments and reads them back with `X.model_validate(dict)`. This
module gives exactly that: fields are set from the dict or keyword arguments, missing fields take their
class default, and a field without a default that is missing is an error. No type coercion is done;
nested models stay plain dicts, which is all the evals read. Put the folder holding this file on PYTHONPATH.
"""


class ValidationError(ValueError):
    """A required field is missing, or the value is not an object."""


class BaseModel:
    def __init__(self, **data):
        fields = {}
        for klass in reversed(type(self).__mro__):
            fields.update(getattr(klass, "__annotations__", {}))
        for name in fields:
            if name in data:
                value = data[name]
            elif hasattr(type(self), name):
                value = getattr(type(self), name)
            else:
                raise ValidationError(f"{type(self).__name__}: field '{name}' is required")
            setattr(self, name, value)

    @classmethod
    def model_validate(cls, obj):
        if isinstance(obj, cls):
            return obj
        if not isinstance(obj, dict):
            raise ValidationError(f"{cls.__name__}: expected an object, got {type(obj).__name__}")
        return cls(**obj)

    def model_dump(self):
        return dict(self.__dict__)

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

"""Hidden grader: ``conv2d_output_shape``, ``same_padding``, ``conv_transpose2d_output_shape``.

The ground truth is PyTorch itself: every expected shape comes from building a real
``nn.Conv2d`` / ``nn.ConvTranspose2d`` in this (grader) process and running a tiny zero
tensor through it, and a configuration counts as refused exactly when PyTorch raises. So
the grader cannot drift from what the question promises ("as ``nn.Conv2d`` computes it").

Points are spread so that partial understanding earns partial credit: the plain formula
(padding and stride), int-or-pair arguments, dilation, refusing empty outputs, refusing
invalid arguments, ``same_padding`` and the transposed formula each have their own tests.
Feedback names the dimension that is wrong and shows the formula with the student's own
numbers filled in; the result of that formula is shown only for d2l's published examples.
"""
import functools
import random
import warnings

import pytest
import torch
from torch import nn

from convkit.grading.checks import expect_error, fail
from convkit.sandbox.client import StudentError
from convkit.grading.texts import call_text
from convkit.messages import message

CONV = "conv2d_output_shape"
TRANSPOSE = "conv_transpose2d_output_shape"
SAME = "same_padding"

#: Positional order of the arguments, as in the stubs' signatures.
CONV_ARGS = ("input_size", "kernel_size", "padding", "stride", "dilation")
TRANSPOSE_ARGS = ("input_size", "kernel_size", "padding", "stride", "output_padding", "dilation")
DEFAULTS = {"padding": 0, "stride": 1, "output_padding": 0, "dilation": 1}
DIMS = ("h", "w")

# d2l "Padding and Stride": every example of the section on an 8×8 input, published with
# its output shape (the last one is the worked example its exercise 1 asks about).
D2L_EXAMPLES = [
    dict(input_size=(8, 8), kernel_size=3, padding=1),
    dict(input_size=(8, 8), kernel_size=(5, 3), padding=(2, 1)),
    dict(input_size=(8, 8), kernel_size=3, padding=1, stride=2),
    dict(input_size=(8, 8), kernel_size=(3, 5), padding=(0, 1), stride=(3, 4)),
]

# One configuration written in every argument form: ints, pairs, and mixtures (h != w in
# the pairs so that swapped or ignored components show).
ARGUMENT_FORMS = [
    dict(input_size=9, kernel_size=3, padding=1, stride=2),
    dict(input_size=(9, 9), kernel_size=(3, 3), padding=(1, 1), stride=(2, 2)),
    dict(input_size=(9, 14), kernel_size=3, padding=(1, 0), stride=2),
    dict(input_size=11, kernel_size=(2, 4), padding=1, stride=(1, 3)),
]

# PyTorch refuses these because the (dilated) kernel does not fit in the padded input. The
# 4th and 6th have numerators in (-stride, 0): int() truncation turns them into size 1.
EMPTY_OUTPUT = [
    dict(input_size=4, kernel_size=5),
    dict(input_size=(8, 8), kernel_size=(3, 9)),
    dict(input_size=5, kernel_size=3, dilation=3),
    dict(input_size=4, kernel_size=6, stride=3),
    dict(input_size=(3, 10), kernel_size=7, padding=1),
    dict(input_size=(10, 3), kernel_size=(2, 5), stride=(1, 2)),
]

def refusal(name: str):
    """Why PyTorch refuses a configuration, in the reader's language."""
    return message(f"conv_layer.output_shape.reason.{name}")


# Refused arguments that the formula alone would turn into a positive size (or a crash).
INVALID_ARGUMENTS = [
    (dict(input_size=8, kernel_size=3, stride=0), refusal("stride")),
    (dict(input_size=8, kernel_size=3, padding=-1), refusal("padding")),
    (dict(input_size=8, kernel_size=3, dilation=0), refusal("dilation")),
    (dict(input_size=8, kernel_size=0), refusal("kernel")),
    (dict(input_size=8, kernel_size=(3, 3), stride=(2, 0)), refusal("stride_each")),
]

SAME_KERNELS = [1, 3, 7, (5, 3), (1, 9)]
EVEN_KERNELS = [2, 4, (3, 2), (2, 5)]

# Transposed configurations chosen by hand, besides the random ones: the classic ×2
# upsampling, and output_padding 1 accepted at stride 1 because it is below the dilation.
TRANSPOSE_FIXED = [
    dict(input_size=4, kernel_size=3, padding=1, stride=2, output_padding=1),
    dict(input_size=(5, 6), kernel_size=3, stride=(2, 1), output_padding=1, dilation=(1, 2)),
]

SIZE_REASON = refusal("empty")
TRANSPOSE_REFUSED = [
    (dict(input_size=4, kernel_size=3, stride=2, output_padding=2),
     refusal("output_padding")),
    (dict(input_size=1, kernel_size=3, padding=2), SIZE_REASON),
    (dict(input_size=(1, 6), kernel_size=2, padding=1), SIZE_REASON),
    (dict(input_size=4, kernel_size=3, stride=0), refusal("stride")),
    (dict(input_size=4, kernel_size=3, padding=-1), refusal("padding")),
    (dict(input_size=4, kernel_size=3, stride=2, output_padding=-1), refusal("output_padding_negative")),
]

RANDOM_CASES = 8
RANDOM_DILATION_CASES = 6
RANDOM_TRANSPOSE_CASES = 7


# ------------------------------------------------------------------------ ground truth
def pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def torch_shape(layer_class, config: dict):
    """The (h, w) a real layer produces on a zero input, or None where PyTorch refuses.

    Run once per configuration and process (the same configurations come back for every
    submission, and building layers is the costliest part of this grader).
    """
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in config.items()))
    return _torch_shape(layer_class, frozen)


@functools.lru_cache(maxsize=None)
def _torch_shape(layer_class, frozen: tuple):
    config = dict(frozen)
    h, w = pair(config["input_size"])
    layer_args = {k: v for k, v in config.items() if k != "input_size"}
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # kernel 0 warns about initialising an empty tensor
            layer = layer_class(1, 1, **layer_args)
            return tuple(layer(torch.zeros(1, 1, h, w)).shape[-2:])
    except (RuntimeError, ValueError):
        return None


def int_or_pair(rng: random.Random, low: int, high: int):
    if rng.random() < 0.5:
        return rng.randint(low, high)
    return (rng.randint(low, high), rng.randint(low, high))


def random_config(seed: int, layer_class, draw) -> dict:
    """The first configuration ``draw(rng)`` makes that PyTorch accepts (deterministic)."""
    rng = random.Random(seed)
    while True:
        config = draw(rng)
        if torch_shape(layer_class, config) is not None:
            return config


def draw_conv(rng):
    return dict(input_size=int_or_pair(rng, 3, 16), kernel_size=int_or_pair(rng, 1, 6),
                padding=int_or_pair(rng, 0, 3), stride=int_or_pair(rng, 1, 4))


def draw_dilated(rng):
    config = draw_conv(rng)
    config["dilation"] = rng.choice([2, 3, (2, 1), (1, 3), (3, 2)])
    return config


def draw_transpose(rng):
    return dict(input_size=int_or_pair(rng, 1, 8), kernel_size=int_or_pair(rng, 1, 5),
                padding=int_or_pair(rng, 0, 2), stride=int_or_pair(rng, 1, 3),
                output_padding=int_or_pair(rng, 0, 1), dilation=int_or_pair(rng, 1, 2))


# ------------------------------------------------------------------------ feedback text
def full_args(config: dict, names) -> dict:
    return {name: config.get(name, DEFAULTS.get(name)) for name in names}


def conv_formula(args: dict, dim: int) -> str:
    n, k, p, s, d = (pair(args[name])[dim] for name in CONV_ARGS)
    return f"{DIMS[dim]}_out = floor(({n} + 2*{p} - {d}*({k}-1) - 1) / {s}) + 1"


def transpose_formula(args: dict, dim: int) -> str:
    n, k, p, s, op, d = (pair(args[name])[dim] for name in TRANSPOSE_ARGS)
    return f"{DIMS[dim]}_out = ({n} - 1)*{s} - 2*{p} + {d}*({k}-1) + {op} + 1"


def _per_dim(args: dict, names, size) -> tuple:
    """``size(n, k, p, s, ...)`` for both dimensions (each argument an int or a pair)."""
    return tuple(size(*(pair(args[name])[dim] for name in names)) for dim in range(2))


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def conv_mistakes(args: dict) -> list:
    """(mistake, the (h, w) it gives) for the classic slips in nn.Conv2d's formula."""
    return [
        (message("conv_layer.output_shape.mistake.dilation_ignored"),
         _per_dim(args, CONV_ARGS, lambda n, k, p, s, d: (n + 2 * p - (k - 1) - 1) // s + 1)),
        (message("conv_layer.output_shape.mistake.padding_once"),
         _per_dim(args, CONV_ARGS, lambda n, k, p, s, d: (n + p - d * (k - 1) - 1) // s + 1)),
        (message("conv_layer.output_shape.mistake.ceil"),
         _per_dim(args, CONV_ARGS, lambda n, k, p, s, d: _ceil_div(n + 2 * p - d * (k - 1) - 1, s) + 1)),
        (message("conv_layer.output_shape.mistake.stride_ignored"),
         _per_dim(args, CONV_ARGS, lambda n, k, p, s, d: n + 2 * p - d * (k - 1))),
        (message("conv_layer.output_shape.mistake.stride_dilation_swapped"),
         _per_dim(args, CONV_ARGS, lambda n, k, p, s, d: (n + 2 * p - s * (k - 1) - 1) // d + 1)),
        (message("conv_layer.output_shape.mistake.pair_first_component"),
         _per_dim({name: first_component(args[name]) for name in CONV_ARGS}, CONV_ARGS,
                  lambda n, k, p, s, d: (n + 2 * p - d * (k - 1) - 1) // s + 1)),
    ]


def first_component(value):
    """A pair reduced to its first component (an int stays as it is)."""
    return value if isinstance(value, int) else (value[0], value[0])


def transpose_mistakes(args: dict) -> list:
    """(mistake, the (h, w) it gives) for the classic slips in nn.ConvTranspose2d's formula."""
    return [
        (message("conv_layer.output_shape.mistake.pair_first_component"),
         _per_dim({name: first_component(args[name]) for name in TRANSPOSE_ARGS}, TRANSPOSE_ARGS,
                  lambda n, k, p, s, op, d: (n - 1) * s - 2 * p + d * (k - 1) + op + 1)),
        (message("conv_layer.output_shape.mistake.transpose_n_times_stride"),
         _per_dim(args, TRANSPOSE_ARGS, lambda n, k, p, s, op, d: n * s - 2 * p + d * (k - 1) + op + 1)),
        (message("conv_layer.output_shape.mistake.transpose_stride_dilation_swapped"),
         _per_dim(args, TRANSPOSE_ARGS, lambda n, k, p, s, op, d: (n - 1) * d - 2 * p + s * (k - 1) + op + 1)),
        (message("conv_layer.output_shape.mistake.transpose_padding_added"),
         _per_dim(args, TRANSPOSE_ARGS, lambda n, k, p, s, op, d: (n - 1) * s + 2 * p + d * (k - 1) + op + 1)),
        (message("conv_layer.output_shape.mistake.dilation_ignored"),
         _per_dim(args, TRANSPOSE_ARGS, lambda n, k, p, s, op, d: (n - 1) * s - 2 * p + (k - 1) + op + 1)),
    ]


def shown_call(name: str, config: dict) -> str:
    """The call as the student would write it: sizes positional, the rest by keyword."""
    positional = (config["input_size"], config["kernel_size"])
    named = {k: v for k, v in config.items() if k not in ("input_size", "kernel_size")}
    return call_text(name, *positional, keywords=named)


def as_int_pair(value):
    """``value`` as a tuple of two ints, or None when it is not a pair of integers."""
    if isinstance(value, torch.Tensor):
        value = value.tolist() if value.device.type != "meta" else None
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    value = [v.item() if isinstance(v, torch.Tensor) and v.dim() == 0 and v.device.type != "meta" else v
             for v in value]  # 0-d tensors of an integer dtype count as ints
    if any(isinstance(v, bool) or not isinstance(v, int) for v in value):
        return None
    return tuple(value)


def describe_plain(value):
    if isinstance(value, torch.Tensor):
        return message("conv_layer.output_shape.got.tensor", shape=tuple(value.shape))
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# ------------------------------------------------------------------------ shared checks
def check_shape(student, name: str, config: dict, reveal: bool = False) -> None:
    """``name`` gives the real layer's (h_out, w_out) for this accepted configuration."""
    layer_class, names, formula, layer = (
        (nn.Conv2d, CONV_ARGS, conv_formula, "nn.Conv2d") if name == CONV
        else (nn.ConvTranspose2d, TRANSPOSE_ARGS, transpose_formula, "nn.ConvTranspose2d"))
    expected = torch_shape(layer_class, config)
    args = full_args(config, names)
    call = shown_call(name, config)
    wanted = f"{expected}" if reveal else message("conv_layer.output_shape.expected.as_layer", layer=layer)
    try:
        got = student.call(name, *(args[n] for n in names))
    except StudentError as error:
        fail(call, wanted, message("check.raised", error=f"{error.type_name}: {error.message[:120]}"),
             message("conv_layer.output_shape.hint.formulas", formulas=f"{formula(args, 0)}; {formula(args, 1)}"),
             mistakes=accepted_mistakes(name, layer, args, error), kind="error")
    values = as_int_pair(got)
    if values is None:
        fail(call, message("conv_layer.output_shape.expected.int_pair"), describe_plain(got),
             message("conv_layer.output_shape.hint.int_pair"),
             mistakes=[message("conv_layer.output_shape.mistake.true_division")]
             if isinstance(got, (tuple, list)) and any(isinstance(v, float) for v in got) else [], kind="type")
    if values == expected:
        return
    wrong = [dim for dim in range(2) if values[dim] != expected[dim]]
    formulas = "; ".join(formula(args, dim) + (f" = {expected[dim]}" if reveal else "") for dim in wrong)
    which = ", ".join(f"{DIMS[dim]}_out" for dim in wrong)
    known = conv_mistakes(args) if name == CONV else transpose_mistakes(args)
    mistakes = [m for m, wrong_shape in known if wrong_shape == values and wrong_shape != expected]
    fail(call, wanted, message("conv_layer.output_shape.got.wrong", values=str(values), which=which),
         message("conv_layer.output_shape.hint.formulas", formulas=formulas), mistakes=mistakes, kind="value")


def accepted_mistakes(name: str, layer: str, args: dict, error: StudentError) -> list:
    """The student raised on a configuration that PyTorch accepts: say why it is fine."""
    if error.type_name != "ValueError":
        return [message("conv_layer.output_shape.mistake.crashed_on_form")]
    known = conv_mistakes(args) if name == CONV else transpose_mistakes(args)
    emptied = [m for m, shape in known if min(shape) < 1]  # a slip that makes this output look empty
    if emptied:
        return emptied
    if name == TRANSPOSE and any(pair(args["output_padding"])[dim] >= pair(args["stride"])[dim] for dim in range(2)):
        return [message("conv_layer.output_shape.mistake.output_padding_stride_only")]
    return [message("conv_layer.output_shape.mistake.refused_accepted", layer=layer)]


def check_refused(student, name: str, config: dict, hint, mistakes=()) -> None:
    """PyTorch refuses ``config`` (checked here, so the test cannot drift from PyTorch), and the
    student's ``name`` raises ValueError for it."""
    layer_class, names = (nn.Conv2d, CONV_ARGS) if name == CONV else (nn.ConvTranspose2d, TRANSPOSE_ARGS)
    if torch_shape(layer_class, config) is not None:
        pytest.fail(f"grader error: PyTorch accepts {config}")
    args = full_args(config, names)
    expect_error(student, name, tuple(args[n] for n in names), "ValueError", shown_call(name, config), hint,
                 mistakes=mistakes)


def empty_output_hint(config: dict):
    """Why PyTorch refuses: the dilated kernel is larger than the padded input."""
    args = full_args(config, CONV_ARGS)
    parts = []
    for dim in range(2):
        n, k, p, s, d = (pair(args[name])[dim] for name in CONV_ARGS)
        if d * (k - 1) + 1 > n + 2 * p:
            parts.append(f"{DIMS[dim]}: {d}*({k}-1) + 1 = {d * (k - 1) + 1} > {n} + 2*{p} = {n + 2 * p}")
    return message("conv_layer.output_shape.hint.empty_output", sizes="; ".join(parts))


def empty_output_mistakes(config: dict, got) -> list:
    """What a returned size for an empty output shows: int() truncation, a missing check."""
    args = full_args(config, CONV_ARGS)
    truncated = _per_dim(args, CONV_ARGS, lambda n, k, p, s, d: int((n + 2 * p - d * (k - 1) - 1) / s) + 1)
    found = [message("conv_layer.output_shape.mistake.int_truncation")] \
        if as_int_pair(got) == truncated and min(truncated) >= 1 else []
    found += [m for m, shape in conv_mistakes(args) if shape == as_int_pair(got) and min(shape) >= 1]
    return found or [message("conv_layer.output_shape.mistake.no_empty_check")]


# ------------------------------------------------------------------------ conv2d_output_shape
@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(D2L_EXAMPLES)))
def test_d2l_examples(student, case):
    check_shape(student, CONV, D2L_EXAMPLES[case], reveal=True)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", range(len(ARGUMENT_FORMS)))
def test_int_or_pair_arguments(student, case):
    check_shape(student, CONV, ARGUMENT_FORMS[case])


@pytest.mark.points(1.5)
@pytest.mark.parametrize("case", range(RANDOM_CASES))
def test_random_padding_and_stride(student, case):
    check_shape(student, CONV, random_config(300 + case, nn.Conv2d, draw_conv))


@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(RANDOM_DILATION_CASES))
def test_dilation(student, case):
    check_shape(student, CONV, random_config(400 + case, nn.Conv2d, draw_dilated))


@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(EMPTY_OUTPUT)))
def test_refuses_empty_output(student, case):
    config = EMPTY_OUTPUT[case]
    check_refused(student, CONV, config, empty_output_hint(config),
                  mistakes=lambda got: empty_output_mistakes(config, got))


@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", range(len(INVALID_ARGUMENTS)))
def test_refuses_invalid_arguments(student, case):
    config, reason = INVALID_ARGUMENTS[case]
    check_refused(student, CONV, config, message("conv_layer.output_shape.hint.invalid", reason=reason),
                  mistakes=lambda got: [message("conv_layer.output_shape.mistake.no_argument_check")])


# ------------------------------------------------------------------------ same_padding
@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", range(len(SAME_KERNELS)))
def test_same_padding_keeps_size(student, case):
    """Judged by the property (a real layer keeps the size), so an int or a pair both count."""
    kernel = SAME_KERNELS[case]
    size = tuple(k + extra for k, extra in zip(pair(kernel), (4, 7)))
    call = call_text(SAME, kernel)
    wanted = message("conv_layer.output_shape.expected.same", kernel=repr(kernel), h=size[0], w=size[1])
    hint = message("conv_layer.output_shape.hint.same")
    padding = student.call(SAME, kernel)
    entries = padding if isinstance(padding, (tuple, list)) and len(padding) == 2 else (padding,)
    if any(isinstance(p, bool) or not isinstance(p, int) for p in entries):
        fail(call, wanted, describe_plain(padding), hint,
             mistakes=[message("conv_layer.output_shape.mistake.float_padding")], kind="type")
    got = torch_shape(nn.Conv2d, dict(input_size=size, kernel_size=kernel, padding=padding))
    if got != size:
        total = tuple(k - 1 for k in pair(kernel))
        first = ((pair(kernel)[0] - 1) // 2,) * 2
        mistakes = [message("conv_layer.output_shape.mistake.same_total")] \
            if tuple(pair(padding)) == total and max(total) > 0 else \
            [message("conv_layer.output_shape.mistake.pair_first_component")] \
            if isinstance(kernel, tuple) and tuple(pair(padding)) == first else []
        fail(call, wanted, message("conv_layer.output_shape.got.padding_gives", padding=repr(padding),
                                   size="an error" if got is None else str(got)), hint, mistakes=mistakes,
             kind="value")


@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", range(len(EVEN_KERNELS)))
def test_same_padding_refuses_even_kernels(student, case):
    kernel = EVEN_KERNELS[case]
    expect_error(student, SAME, (kernel,), "ValueError", call_text(SAME, kernel),
                 message("conv_layer.output_shape.hint.even_kernel"))


# ------------------------------------------------------------------------ conv_transpose2d_output_shape
@pytest.mark.points(1.5)
@pytest.mark.parametrize("case", range(len(TRANSPOSE_FIXED) + RANDOM_TRANSPOSE_CASES))
def test_transpose_shapes(student, case):
    config = (TRANSPOSE_FIXED[case] if case < len(TRANSPOSE_FIXED)
              else random_config(500 + case, nn.ConvTranspose2d, draw_transpose))
    check_shape(student, TRANSPOSE, config)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", range(len(TRANSPOSE_REFUSED)))
def test_transpose_refused(student, case):
    config, reason = TRANSPOSE_REFUSED[case]
    args = full_args(config, TRANSPOSE_ARGS)
    formulas = f"; {transpose_formula(args, 0)}; {transpose_formula(args, 1)}" if reason == SIZE_REASON else ""
    check_refused(student, TRANSPOSE, config,
                  message("conv_layer.output_shape.hint.transpose_refused", reason=reason, formulas=formulas))

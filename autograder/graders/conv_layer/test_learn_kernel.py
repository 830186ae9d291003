"""Hidden grader: ``learn_kernel(X, Y, kernel_size, lr=0.01, steps=20)``.

It trains a fresh ``Conv2D(kernel_size)`` by plain gradient descent on the *summed* squared
error between ``Conv2D(X)`` and ``Y`` and returns the trained module.

How it is judged:

* one exact step, independent of the random initialisation: under the same seed, the
  module after ``k + 1`` steps must be exactly one gradient step (``reference.gradient_step``)
  from the module after ``k`` steps. This catches gradients that are not zeroed between
  steps, an averaged loss, gradient ascent, a bias that is not updated and an ignored
  ``lr`` or ``steps``; a failing step is diagnosed to give a precise hint.
* recovery: d2l's edge kernel ``[[1, -1]]`` from d2l's 6×8 image, and hidden kernels from
  random images, with a step size derived from the problem's curvature so that correct
  gradient descent converges from any initialisation.
* the result is the student's ``Conv2D`` module.
"""
import ast
import math

import pytest
import torch

import reference.conv_layer as ref
from autograder.graders.conv_layer._helpers import as64, check_is_conv2d, read_parameters
from convkit.grading.checks import check_close, fail, tolerance
from convkit.grading.data import random_tensor
from convkit.grading.source import definitions
from convkit.grading.texts import describe_result
from convkit.messages import message
from convkit.sandbox.client import StudentError
from convkit.sandbox.codec import Handle

#: Seeds torch (via ``seed=``), Python's and numpy's generators, then trains: two calls
#: with the same seed start from the same initial module, whatever generator it uses.
TRAIN_PROBE = """
import random
random.seed(py_seed)
try:
    import numpy
    numpy.random.seed(py_seed)
except Exception:
    pass
result = learn_kernel(X, Y, kernel_size, lr=lr, steps=steps)
"""

#: The module a seeded learn_kernel most likely starts from (for the diagnosis only).
INIT_PROBE = TRAIN_PROBE.replace("learn_kernel(X, Y, kernel_size, lr=lr, steps=steps)", "Conv2D(kernel_size)")

#: (input shape, kernel_size, lr, k): the module after k + 1 steps is one step from the one after k.
STEP_CASES = [
    ((6, 8), (1, 2), 0.004, 1),
    ((5, 6), (2, 3), 0.003, 2),
]

#: (input shape, kernel_size, true bias) of the hidden kernels to recover.
HIDDEN_CASES = [
    ((8, 8), (2, 2), 0.0),
    ((7, 9), (3, 2), 0.5),
    ((9, 6), (1, 3), -0.3),
]

#: How far from the true kernel a recovered one may be (the chosen lr and steps bring
#: correct gradient descent within 1e-5 of it from any start within distance 30).
HIDDEN_TOLERANCE = 0.01
D2L_TOLERANCE = 0.05
D2L_LR, D2L_STEPS = 0.015, 50

TRAINING_HINT = message("conv_layer.learn_kernel.rule")


def d2l_edge_image():
    """d2l's example: a 6×8 image, ones with a black band in columns 2..5, and its edges."""
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    return X, ref.corr2d(X, torch.tensor([[1.0, -1.0]]))


def train(student, X, Y, kernel_size, lr, steps, seed):
    """``learn_kernel`` in the sandbox; returns what it returned (a Handle for a module) and the call text."""
    call = (f"learn_kernel(X, Y, {tuple(kernel_size)}, lr={lr:.4g}, steps={steps}) with "
            f"X: tensor {'×'.join(map(str, X.shape))} float32 on cpu, "
            f"Y: tensor {'×'.join(map(str, Y.shape))} float32 on cpu")
    got = student.run(TRAIN_PROBE, call=call, X=X, Y=Y, kernel_size=tuple(kernel_size), lr=lr, steps=steps,
                      seed=seed, py_seed=seed)
    return got, call


# ------------------------------------------------------------------------ the result
@pytest.mark.points(1)
def test_returns_conv2d(student):
    X, Y = d2l_edge_image()
    net, call = train(student, X, Y, (1, 2), 0.01, 2, seed=5)
    check_is_conv2d(net, call)
    weight, bias = read_parameters(student, net, call)
    check_module_shapes(weight, bias, (1, 2), call)


def check_module_shapes(weight, bias, kernel_size, call) -> None:
    if tuple(weight.shape) != tuple(kernel_size) or bias.numel() != 1:
        fail(call, message("conv_layer.learn_kernel.expected.shapes", shape=tuple(kernel_size)),
             message("conv_layer.learn_kernel.got.shapes", weight=tuple(weight.shape), bias=tuple(bias.shape)),
             message("conv_layer.learn_kernel.hint.fresh_module"), kind="shape")


# ------------------------------------------------------------------------ one exact step
def step_case(case: int):
    x_shape, kernel_size, lr, k = STEP_CASES[case]
    (h, w), (kh, kw) = x_shape, kernel_size
    X = random_tensor(x_shape, seed=400 + case)
    Y = random_tensor((h - kh + 1, w - kw + 1), seed=410 + case)
    return X, Y, kernel_size, lr, k


def two_runs(student, case: int):
    """Parameters after k and after k + 1 steps from the same seeded start, the call text,
    and whether the two calls returned the same module object (a module that is not fresh).

    The first module is read before the second call, so a module reused across calls
    shows up as a wrong step, not as no step at all.
    """
    X, Y, kernel_size, lr, k = step_case(case)
    seed = 420 + case
    net_k, call_k = train(student, X, Y, kernel_size, lr, k, seed)
    before = read_parameters(student, net_k, call_k)
    net_next, call_next = train(student, X, Y, kernel_size, lr, k + 1, seed)
    after = read_parameters(student, net_next, call_next)
    for weight, bias, call in ((*before, call_k), (*after, call_next)):
        check_module_shapes(weight, bias, kernel_size, call)
    reused = student.run("result = first is second", call="comparing the two returned modules",
                         first=net_k, second=net_next) is True
    return (X, Y, lr, k, reused), before, after, (call_next, k), seed


def step_call(call, name: str):
    """How the one-step comparison is shown: the call, and with what it is compared."""
    call_next, k = call
    return message("conv_layer.learn_kernel.call.step", call=call_next, k=k,
                   name=message(f"conv_layer.learn_kernel.part.{name}"))


def step_tolerance(weight, bias, X, Y, lr):
    """Magnitudes for check_close (terms=1) bounding float32 rounding in one step.

    The residual R = corr2d(X, w) + b - Y sums kh*kw + 2 terms, dL/dw = 2 corr2d(X, R) sums
    oh*ow more, and the update adds |p| + lr |grad|; each magnitude is the same
    computation on absolute values, times the number of roundings it went through.
    """
    w, b, X, Y = as64(weight, bias, X, Y)
    residual_magnitude = ref.corr2d(X.abs(), w.abs()) + b.abs().sum() + Y.abs()
    roundings = residual_magnitude.numel() + w.numel() + 2
    grad_w = 2 * ref.corr2d(X.abs(), residual_magnitude)
    grad_b = 2 * residual_magnitude.sum()
    return w.abs() + lr * roundings * grad_w, b.abs() + lr * roundings * grad_b


def expected_step(before, X, Y, lr):
    w, b = before
    return ref.gradient_step(as64(w), as64(b), as64(X), as64(Y), lr)


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(STEP_CASES)))
def test_one_step_weight(student, case):
    """The weight moves by exactly -lr * dL/dw of the summed squared error, each step."""
    (X, Y, lr, k, reused), before, after, call, seed = two_runs(student, case)
    want_w, want_b = expected_step(before, X, Y, lr)
    magnitude_w, _ = step_tolerance(*before, X, Y, lr)
    if not _close(after[0], want_w, magnitude_w):
        mistakes = diagnose(student, before, after, (want_w, want_b), X, Y, lr, k, seed, reused)
        check_close(after[0], want_w, step_call(call, "weight"), magnitude=magnitude_w, hint=TRAINING_HINT,
                    mistakes=mistakes)


@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(STEP_CASES)))
def test_one_step_bias(student, case):
    """The bias moves by exactly -lr * dL/db = -lr * 2 * sum(residual), each step."""
    (X, Y, lr, k, reused), before, after, call, seed = two_runs(student, case)
    want_w, want_b = expected_step(before, X, Y, lr)
    _, magnitude_b = step_tolerance(*before, X, Y, lr)
    got_b = after[1].reshape(want_b.shape)
    if not _close(got_b, want_b, magnitude_b):
        mistakes = diagnose(student, before, after, (want_w, want_b), X, Y, lr, k, seed, reused)
        check_close(got_b, want_b, step_call(call, "bias"), magnitude=magnitude_b, hint=TRAINING_HINT,
                    mistakes=mistakes)


def _close(got, want, magnitude) -> bool:
    """The same criterion as check_close (terms=1), without failing."""
    difference = (as64(got).reshape(want.shape) - want).abs()
    return bool((difference <= tolerance(got.dtype, 1, magnitude)).all())


def start_parameters(student, kernel_size, seed):
    """``Conv2D(kernel_size)`` built under ``seed``: the start of a seeded learn_kernel that
    begins with ``net = Conv2D(kernel_size)``, as most do (not all: see the callers)."""
    start = student.run(INIT_PROBE, call=f"Conv2D({tuple(kernel_size)})", kernel_size=tuple(kernel_size),
                        seed=seed, py_seed=seed)
    return read_parameters(student, start, f"Conv2D({tuple(kernel_size)})")


def _same_parameters(got, want, X, Y, lr) -> bool:
    """Parameters equal up to one step's float32 rounding."""
    magnitudes = step_tolerance(*want, X, Y, lr)
    return all(_close(g, as64(w), m) for g, w, m in zip(got, want, magnitudes))


@pytest.mark.points(1)
def test_steps_counted(student):
    """steps=1 makes exactly one update. The start is rebuilt as Conv2D(kernel_size) under the
    same seed; a submission that starts elsewhere cannot be judged here and is not failed
    (the exact-step tests still judge every update), but one returning the start itself, or
    the start after two updates, has an off-by-one in its loop."""
    X, Y, kernel_size, lr, _ = step_case(0)
    seed = 430
    start = start_parameters(student, kernel_size, seed)
    net, call = train(student, X, Y, kernel_size, lr, 1, seed)
    after = read_parameters(student, net, call)
    if tuple(after[0].shape) != tuple(kernel_size):
        fail(call, message("conv_layer.learn_kernel.expected.weight_shape", shape=tuple(kernel_size)),
             message("check.shape", shape=tuple(after[0].shape)), message("conv_layer.learn_kernel.hint.fresh_module"),
             kind="shape")
    once = expected_step(start, X, Y, lr)
    twice = expected_step(once, X, Y, lr)
    if _same_parameters(after, once, X, Y, lr):
        return
    loop = training_loop(student)
    if _same_parameters(after, start, X, Y, lr):
        mistakes = [message("conv_layer.learn_kernel.mistake.zero_grad_after_backward")] if loop.zeroes_before_update \
            else [message("conv_layer.learn_kernel.mistake.range_from_one")] if loop.range_from_one else []
        fail(call, message("conv_layer.learn_kernel.expected.one_update"),
             message("conv_layer.learn_kernel.got.no_update"), message("conv_layer.learn_kernel.hint.steps_updates"),
             mistakes=mistakes)
    if _same_parameters(after, twice, X, Y, lr):
        fail(call, message("conv_layer.learn_kernel.expected.one_update"),
             message("conv_layer.learn_kernel.got.two_updates"), message("conv_layer.learn_kernel.hint.steps_updates"),
             mistakes=[message("conv_layer.learn_kernel.mistake.one_step_too_many")])


# ------------------------------------------------------------------------ the training loop, as written
class TrainingLoop:
    """What the source of learn_kernel (and its own helpers) does, in order: read by the grader.

    ``zeroes_before_update``: gradients are zeroed after ``backward()`` and before the update
    (``optimizer.zero_grad()`` between ``loss.backward()`` and ``optimizer.step()``), so every
    update uses a zero gradient. ``range_from_one``: a ``range(1, ...)`` loop.
    """

    def __init__(self, events, range_from_one: bool):
        backward = [at for at, kind in events if kind == "backward"]
        zeroing = [at for at, kind in events if kind == "zero"]
        updates = [at for at, kind in events if kind == "update"]
        self.zeroes_before_update = any(b < z < u for b in backward for z in zeroing for u in updates
                                        if not any(b < b2 < z for b2 in backward))
        self.range_from_one = range_from_one


def training_loop(student) -> TrainingLoop:
    found = definitions(student.submission.cells)
    node = found.get("learn_kernel")
    events, range_from_one = [], False
    if node is None:
        return TrainingLoop(events, False)
    for item in ast.walk(node.node):
        at = (getattr(item, "lineno", 0), getattr(item, "col_offset", 0))
        if isinstance(item, ast.Call) and isinstance(item.func, ast.Attribute):
            kind = {"backward": "backward", "zero_grad": "zero", "zero_": "zero", "step": "update",
                    "sub_": "update", "add_": "update", "copy_": "update"}.get(item.func.attr)
            if kind:
                events.append((at, kind))
        elif isinstance(item, ast.AugAssign):
            events.append((at, "update"))
        elif isinstance(item, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "grad"
                                                  for t in item.targets):
            events.append((at, "zero"))
        if isinstance(item, ast.Call) and isinstance(item.func, ast.Name) and item.func.id == "range" \
                and len(item.args) >= 2 and isinstance(item.args[0], ast.Constant) and item.args[0].value == 1:
            range_from_one = True
    return TrainingLoop(events, range_from_one)


# ------------------------------------------------------------------------ diagnosis
def diagnose(student, before, after, want, X, Y, lr, k, seed, reused=False) -> list:
    """The named mistakes the step the student took matches (empty: none is known).

    The observed step ``D = p_after - p_before`` is compared with the descent step
    ``-lr * G``: no change (explained by the source when it zeroes the gradients between
    ``backward()`` and the update), ascent (``+lr * G``), a uniformly scaled step (an averaged
    loss or another step size), a bias left alone, or (for k = 1, when the start can be
    rebuilt) the sum of the last two gradients. Only for the hint: scoring never relies on it.
    """
    if reused:
        return [message("conv_layer.learn_kernel.mistake.module_reused")]
    w0, b0 = (as64(t).reshape(-1) for t in before)
    w1, b1 = (as64(t).reshape(-1) for t in after)
    ww, wb = (t.reshape(-1) for t in want)
    observed = torch.cat([w1 - w0, b1 - b0])
    descent = torch.cat([ww - w0, wb - b0])  # = -lr * G
    size = float(descent.norm())
    if size == 0.0:
        return []
    if float(observed.norm()) <= 1e-6 * size:
        if training_loop(student).zeroes_before_update:
            return [message("conv_layer.learn_kernel.mistake.zero_grad_after_backward")]
        try:
            start = start_parameters(student, before[0].shape, seed)
        except (StudentError, AssertionError):
            return [message("conv_layer.learn_kernel.mistake.no_change")]
        if _same_parameters(before, start, X, Y, lr):
            return [message("conv_layer.learn_kernel.mistake.never_updated")]
        return [message("conv_layer.learn_kernel.mistake.ignores_steps")]
    if float((observed + descent).norm()) <= 1e-3 * size:
        return [message("conv_layer.learn_kernel.mistake.gradient_ascent")]
    scale = float(observed @ descent) / size**2
    if float((observed - scale * descent).norm()) <= 1e-3 * size:
        outputs = Y.numel()
        if math.isclose(scale, 1 / outputs, rel_tol=1e-3):
            return [message("conv_layer.learn_kernel.mistake.mean_loss", outputs=outputs)]
        return [message("conv_layer.learn_kernel.mistake.scaled_step", scale=f"{scale:.3g}")]
    weight_size = float((ww - w0).norm())
    if float((w1 - ww).norm()) <= 1e-3 * weight_size and float((b1 - b0).abs().max()) == 0.0:
        return [message("conv_layer.learn_kernel.mistake.bias_not_updated")]
    if k == 1 and _accumulates(student, before, after, X, Y, lr, seed):
        return [message("conv_layer.learn_kernel.mistake.gradients_accumulate")]
    return []


def _accumulates(student, before, after, X, Y, lr, seed) -> bool:
    """Is step 2 the sum of the gradients at steps 1 and 2 (no zeroing)? Needs the start,
    rebuilt as ``Conv2D(kernel_size)`` under the same seed; False when that fails."""
    try:
        w_start, b_start = start_parameters(student, before[0].shape, seed)
    except (StudentError, AssertionError):
        return False
    first = expected_step((w_start, b_start), X, Y, lr)
    if not all(torch.allclose(as64(got).reshape(-1), want.reshape(-1), rtol=1e-4, atol=1e-5)
               for got, want in zip(before, first)):
        return False  # learn_kernel does not start from Conv2D(kernel_size) as rebuilt here
    # Without zeroing, step 2 is before - lr * (g0 + g1), where -lr * g0 = before - start
    # (step 1 was right) and -lr * g1 = second - before: that is second + before - start.
    second = expected_step(before, X, Y, lr)
    accumulated = [(sec.reshape(-1) + as64(b).reshape(-1) - as64(s).reshape(-1))
                   for sec, b, s in zip(second, before, (w_start, b_start))]
    return all(torch.allclose(as64(got).reshape(-1), acc, rtol=1e-4, atol=1e-5)
               for got, acc in zip(after, accumulated))


# ------------------------------------------------------------------------ recovery
def learned_weight(student, got, call, kernel_size):
    """The learned kernel: net.weight of the returned module (or the tensor itself if the
    submission returned its weight; that loses only test_returns_conv2d's point)."""
    if isinstance(got, torch.Tensor) and tuple(got.shape) == tuple(kernel_size):
        return got
    if isinstance(got, Handle):
        weight, _ = read_parameters(student, got, call)
        if tuple(weight.shape) == tuple(kernel_size):
            return weight
        fail(call, message("conv_layer.learn_kernel.expected.weight_shape", shape=tuple(kernel_size)),
             message("check.shape", shape=tuple(weight.shape)), message("conv_layer.learn_kernel.hint.fresh_module"),
             kind="shape")
    check_is_conv2d(got, call)
    fail(call, message("conv_layer.expected.trained_module"), describe_result(got),
         message("conv_layer.hint.return_module"), kind="type")


def convergence_hint(weight, start_error: float, error: float):
    if not bool(torch.isfinite(weight).all()) or error > 10 * max(start_error, 1.0):
        return message("conv_layer.learn_kernel.hint.diverged")
    return message("conv_layer.learn_kernel.hint.not_converged", rule=TRAINING_HINT)


@pytest.mark.points(1)
def test_recovers_d2l_edge_kernel(student):
    X, Y = d2l_edge_image()
    got, call = train(student, X, Y, (1, 2), D2L_LR, D2L_STEPS, seed=7)
    call = message("conv_layer.learn_kernel.call.d2l", call=call)
    weight = as64(learned_weight(student, got, call, (1, 2)))
    target = torch.tensor([[1.0, -1.0]], dtype=torch.float64)
    error = float((weight - target).abs().max()) if bool(torch.isfinite(weight).all()) else math.inf
    if not error <= D2L_TOLERANCE:
        fail(call, message("conv_layer.learn_kernel.expected.d2l_weight", tolerance=D2L_TOLERANCE),
             message("conv_layer.learn_kernel.got.d2l_weight", weight=str([[round(v, 3) for v in row]
                                                                            for row in weight.tolist()]),
                     error=f"{error:.3g}"),
             convergence_hint(weight, 2.0, error), mistakes=training_mistakes(student))


def hidden_problem(case: int):
    """Random image, true kernel and bias; lr = 2 / (largest + smallest Hessian eigenvalue),
    the fastest stable step, and enough steps to contract any start 30 away to 1e-5."""
    x_shape, kernel_size, true_bias = HIDDEN_CASES[case]
    X = random_tensor(x_shape, seed=500 + case)
    K = random_tensor(kernel_size, seed=510 + case, dtype=torch.float64)
    Y = (ref.corr2d(X.double(), K) + true_bias).float()
    kh, kw = kernel_size
    patches = X.double().unfold(0, kh, 1).unfold(1, kw, 1).reshape(-1, kh * kw)
    design = torch.cat([patches, torch.ones(patches.shape[0], 1, dtype=torch.float64)], dim=1)
    eigenvalues = torch.linalg.eigvalsh(2 * design.T @ design)
    low, high = float(eigenvalues.min()), float(eigenvalues.max())
    lr = 2.0 / (high + low)
    contraction = (high - low) / (high + low)
    steps = math.ceil(math.log(1e-5 / 30) / math.log(contraction))
    return X, Y, K, kernel_size, lr, steps


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(HIDDEN_CASES)))
def test_recovers_hidden_kernel(student, case):
    X, Y, K, kernel_size, lr, steps = hidden_problem(case)
    got, call = train(student, X, Y, kernel_size, lr, steps, seed=520 + case)
    call = message("conv_layer.learn_kernel.call.hidden", call=call)
    weight = as64(learned_weight(student, got, call, kernel_size))
    error = float((weight - K).abs().max()) if bool(torch.isfinite(weight).all()) else math.inf
    if not error <= HIDDEN_TOLERANCE:
        fail(call, message("conv_layer.learn_kernel.expected.hidden_weight", tolerance=HIDDEN_TOLERANCE),
             message("conv_layer.learn_kernel.got.hidden_weight", error=f"{error:.3g}"),
             convergence_hint(weight, float(K.abs().max()) + 1.0, error), mistakes=training_mistakes(student))


def training_mistakes(student) -> list:
    """Mistakes the source shows for sure, named when training does not converge."""
    return [message("conv_layer.learn_kernel.mistake.zero_grad_after_backward")] \
        if training_loop(student).zeroes_before_update else []

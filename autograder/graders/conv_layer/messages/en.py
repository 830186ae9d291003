"""English: the hints and named mistakes of the conv_layer graders (keys ``conv_layer.*``).

``conv_layer.<question>.*`` belong to one question; ``conv_layer.hint.*``,
``conv_layer.mistake.*``, ``conv_layer.expected.*`` and ``conv_layer.got.*`` are shared by
several. A key with a ``mistake`` part names a known mistake (the grader computed its output
and found it equal to the student's); other hints are rules.
"""

MESSAGES = {
    # ------------------------------------------------------------------ shared
    "conv_layer.hint.valid_shape": "output height should be {h} - {kh} + 1 = {oh} and width {w} - {kw} + 1 = {ow}",
    "conv_layer.hint.integers": "integer inputs must give exact values (any result dtype is fine); {rule}",
    "conv_layer.call.transposed": "{call} (X = A.t(), not contiguous)",

    # ------------------------------------------------------------------ corr2d
    "conv_layer.corr2d.rule": "Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum(): a window of K's shape (kh rows, kw "
                              "columns) at each position, multiplied by K as it is (not flipped) and summed",
    "conv_layer.corr2d.call_d2l": "corr2d(X, K) on d2l's 3×3 example",

    # ------------------------------------------------------------------ Conv2D (and the modules other questions train)
    "conv_layer.hint.module_device": "keep weight and bias as nn.Parameter (so .to() and .double() convert them) "
                                     "and let corr2d create its result on X's device with X's dtype, e.g. "
                                     "torch.zeros(shape, device=X.device, dtype=X.dtype), or build it from "
                                     "operations on X and K",
    "conv_layer.expected.output_after": "an output like the input after {conversion}",
    "conv_layer.expected.placed": "self.{name} on {device} in {dtype}, like the input",
    "conv_layer.expected.placed_after": "self.{name} on {device} in {dtype} after {conversion}, like the input",
    "conv_layer.got.placed": "self.{name} on {device} in {dtype}",
    "conv_layer.mistake.plain_tensor_not_converted": "{names}: a plain tensor attribute, so {conversion} did not "
                                                     "convert it: .to() and .double() convert only registered "
                                                     "parameters; make it an nn.Parameter",
    "conv_layer.mistake.parameter_dtype": "{names}: created in {dtype}, not in the default dtype (float32) the "
                                          "input has: create the parameters without dtype=..., e.g. "
                                          "nn.Parameter(torch.rand(kernel_size)) and nn.Parameter(torch.zeros(1)); "
                                          "net.double() makes them float64 when needed",
    "conv_layer.mistake.parameter_device": "{names}: created on {device}, not on the input's device: create "
                                           "parameters on the default device and let net.to(device) move them",
    "conv_layer.expected.attribute": "a tensor attribute self.{name}",
    "conv_layer.got.no_attribute": "no tensor called {name} on the module",
    "conv_layer.got.module_without": "a {type} without a tensor attribute {name}",
    "conv_layer.hint.create_weight": "create it in __init__: self.weight = nn.Parameter(torch.rand(kernel_size))",
    "conv_layer.expected.weight_shape": "self.weight of shape {shape} (kernel_size)",
    "conv_layer.hint.weight_shape": "kernel_size is (height, width); create the weight with torch.rand(kernel_size)",
    "conv_layer.mistake.weight_transposed": "your weight has the shape of kernel_size reversed: kernel_size is "
                                            "(height, width) and torch.rand(kernel_size) has exactly that shape",
    "conv_layer.hint.create_bias": "create it in __init__: self.bias = nn.Parameter(torch.zeros(1)), and add it "
                                   "in forward",
    "conv_layer.mistake.no_bias": "your module has no bias: d2l's Conv2D has self.bias = "
                                  "nn.Parameter(torch.zeros(1)), added to every output in forward",
    "conv_layer.expected.one_bias": "self.bias with one element",
    "conv_layer.hint.one_bias": "one bias is shared by every output pixel: nn.Parameter(torch.zeros(1))",
    "conv_layer.hint.return_conv2d_itself": "return the trained Conv2D itself (its parameters are called weight "
                                            "and bias)",
    "conv_layer.expected.trained_module": "the trained Conv2D module",
    "conv_layer.hint.return_module": "return the trained Conv2D module",
    "conv_layer.mistake.returned_weight": "you returned a tensor (the weight?), not the module: return net; the "
                                          "caller reads net.weight and net.bias",
    "conv_layer.expected.conv2d_instance": "an instance of your Conv2D class",
    "conv_layer.hint.fresh_conv2d": "train a fresh Conv2D(kernel_size) (your class from the previous question) and "
                                    "return it",
}

MESSAGES.update({
    "conv_layer.Conv2D.call": "net = Conv2D({kernel_size}){step}; weight and bias set by the grader; net(x) with "
                              "x: {x}{then}",
    "conv_layer.Conv2D.then_backward": "; then (net(x) * g).sum().backward(), net.{name}.grad",
    "conv_layer.Conv2D.rule": "forward(x) is corr2d(x, self.weight) + self.bias: the kernel as it is (not "
                              "flipped), the one bias added to every output",
    "conv_layer.Conv2D.mistake.bias_not_added": "your output equals corr2d(x, weight) without the bias: add "
                                                "self.bias in forward",
    "conv_layer.Conv2D.mistake.bias_added_to_input": "your output equals corr2d(x + bias, weight): the bias is "
                                                     "added to the input, so it is counted kh*kw times; add it to "
                                                     "the output instead, corr2d(x, self.weight) + self.bias",
    "conv_layer.Conv2D.expected.module": "an nn.Module",
    "conv_layer.Conv2D.got.not_module": "an object that is not an nn.Module",
    "conv_layer.Conv2D.hint.subclass_module": "declare class Conv2D(nn.Module) and call super().__init__() first",
    "conv_layer.Conv2D.expected.parameter": "a parameter called {name}",
    "conv_layer.Conv2D.got.plain_attribute": "self.{name} is a plain {kind}, not a registered parameter",
    "conv_layer.Conv2D.got.parameters": "parameters {names}",
    "conv_layer.Conv2D.hint.wrap_parameter": "wrap it: self.{name} = nn.Parameter(...)",
    "conv_layer.Conv2D.hint.create_parameter": "create self.{name} = nn.Parameter(...) in __init__",
    "conv_layer.Conv2D.mistake.not_registered": "self.{name} is a plain {kind}, not an nn.Parameter: "
                                                "net.parameters(), .to(device), .double() and optimisers do not see "
                                                "it; wrap it: self.{name} = nn.Parameter(...)",
    "conv_layer.Conv2D.expected.gradient": "a gradient in net.{name}.grad",
    "conv_layer.Conv2D.hint.gradient_none": "forward must compute with self.{name} itself (not .data, .detach() or "
                                            "a copy), and self.{name} must be an nn.Parameter",
    "conv_layer.Conv2D.mistake.graph_cut": "self.{name} is a parameter but got no gradient: forward computes with "
                                           "a detached copy of it (.data, .detach(), a new tensor), which autograd "
                                           "cannot follow; use self.{name} itself",
    "conv_layer.Conv2D.hint.weight_gradient": "dL/dweight[a, b] = sum over outputs of g[i, j] * x[i+a, j+b]; a wrong "
                                              "gradient means forward does not compute corr2d(x, weight) + bias",
    "conv_layer.Conv2D.hint.bias_gradient_shape": "the bias gradient has the bias's shape",
    "conv_layer.Conv2D.hint.bias_gradient": "the bias is added once to every output, so dL/dbias = g.sum()",
})

MESSAGES.update({
    "conv_layer.learn_kernel.rule": "each step: zero the gradients (they accumulate otherwise), compute the summed "
                                    "squared error ((net(X) - Y) ** 2).sum(), call backward(), then update every "
                                    "parameter, weight and bias, with p -= lr * p.grad under torch.no_grad()",
    "conv_layer.learn_kernel.call.step": "{call}, compared with the same call with steps={k} (same seed, so the same "
                                         "start): the last step of the {name}",
    "conv_layer.learn_kernel.part.weight": "weight",
    "conv_layer.learn_kernel.part.bias": "bias",
    "conv_layer.learn_kernel.call.d2l": "{call} on d2l's 6×8 image (ones, columns 2..5 zero) and "
                                        "Y = corr2d(X, [[1, -1]])",
    "conv_layer.learn_kernel.call.hidden": "{call} where Y = corr2d(X, K) + b for a hidden kernel K and bias b",
    "conv_layer.learn_kernel.expected.shapes": "a Conv2D with weight of shape {shape} and a one-element bias",
    "conv_layer.learn_kernel.got.shapes": "weight of shape {weight} and bias of shape {bias}",
    "conv_layer.learn_kernel.expected.weight_shape": "a Conv2D whose weight has shape {shape}",
    "conv_layer.learn_kernel.hint.fresh_module": "train a fresh Conv2D(kernel_size) and return it",
    "conv_layer.learn_kernel.expected.one_update": "the module after one update",
    "conv_layer.learn_kernel.got.no_update": "the untrained module (no update was made)",
    "conv_layer.learn_kernel.got.two_updates": "the module after two updates",
    "conv_layer.learn_kernel.hint.steps_updates": "steps=n makes exactly n updates, each a gradient step "
                                                  "p -= lr * p.grad",
    "conv_layer.learn_kernel.mistake.zero_grad_after_backward": "your loop zeroes the gradients after backward() "
                                                                "and before the update (zero_grad() between "
                                                                "loss.backward() and optimizer.step()), so every "
                                                                "update uses a zero gradient and nothing is learned: "
                                                                "zero them at the start of the step, before "
                                                                "backward()",
    "conv_layer.learn_kernel.mistake.range_from_one": "your loop is range(1, steps): it makes steps - 1 updates, so "
                                                      "steps=1 makes none; use range(steps)",
    "conv_layer.learn_kernel.mistake.one_step_too_many": "steps=1 made two updates: the loop runs one time too many "
                                                         "(range(steps + 1)?); use range(steps)",
    "conv_layer.learn_kernel.mistake.module_reused": "both calls returned the same module object, so the second "
                                                     "call went on training the first one: create a fresh "
                                                     "Conv2D(kernel_size) inside learn_kernel on every call",
    "conv_layer.learn_kernel.mistake.no_change": "the parameters did not change from steps=k to steps=k+1: the "
                                                 "last step made no update",
    "conv_layer.learn_kernel.mistake.gradient_ascent": "the step goes uphill (gradient ascent): update with "
                                                       "p -= lr * p.grad, not +=",
    "conv_layer.learn_kernel.mistake.mean_loss": "the step is 1/{outputs} of the expected one: the loss is the "
                                                 "summed squared error ((net(X) - Y) ** 2).sum(), not the mean",
    "conv_layer.learn_kernel.mistake.scaled_step": "the step is {scale} times the expected one: update with the lr "
                                                   "argument, p -= lr * p.grad, on the summed squared error",
    "conv_layer.learn_kernel.mistake.bias_not_updated": "the weight is updated but the bias is not: update net.bias "
                                                        "too (p -= lr * p.grad for both)",
    "conv_layer.learn_kernel.mistake.gradients_accumulate": "the last step used the sum of this step's and the "
                                                            "previous step's gradients: gradients accumulate in "
                                                            "p.grad, so zero them every step (net.zero_grad() or "
                                                            "p.grad.zero_())",
    "conv_layer.learn_kernel.hint.diverged": "training diverged (the weight ran away): with this lr and these steps, "
                                             "correct gradient descent on the summed squared error converges from any "
                                             "start",
    "conv_layer.learn_kernel.hint.not_converged": "training did not get there; with this lr and these steps, correct "
                                                  "gradient descent converges from any start: {rule}",
    "conv_layer.learn_kernel.mistake.never_updated": "the module after steps=k is the untrained one: no update ever "
                                                     "changes net's parameters (update them in place, "
                                                     "p -= lr * p.grad under torch.no_grad(), not p = p - ...)",
    "conv_layer.learn_kernel.mistake.ignores_steps": "steps=k and steps=k+1 return the same trained module: "
                                                     "the number of updates does not follow the steps argument; loop "
                                                     "for _ in range(steps)",
    "conv_layer.learn_kernel.expected.d2l_weight": "net.weight within {tolerance} of [[1, -1]]",
    "conv_layer.learn_kernel.got.d2l_weight": "{weight} (off by {error})",
    "conv_layer.learn_kernel.expected.hidden_weight": "net.weight within {tolerance} of K",
    "conv_layer.learn_kernel.got.hidden_weight": "a weight off by up to {error}",
})

MESSAGES.update({
    "conv_layer.convolve2d.rule": "convolution flips the kernel in both axes: Y[i, j] = sum over a, b of "
                                  "X[i+a, j+b] * K[kh-1-a, kw-1-b], i.e. corr2d(X, K.flip(0, 1))",
    "conv_layer.convolve2d.mistake.not_flipped": "your result is the cross-correlation (corr2d) with K as it is: "
                                                 "convolution flips the kernel in both axes first, "
                                                 "corr2d(X, K.flip(0, 1))",
    "conv_layer.convolve2d.mistake.rows_only": "only the rows of K were flipped (flip(0)); flip the columns too: "
                                               "K.flip(0, 1)",
    "conv_layer.convolve2d.mistake.columns_only": "only the columns of K were flipped (flip(1)); flip the rows too: "
                                                  "K.flip(0, 1)",
    "conv_layer.convolve2d.mistake.transposed": "K was transposed, which is not a flip: use K.flip(0, 1) (a 180° "
                                                "rotation, torch.rot90(K, 2))",
    "conv_layer.convolve2d.mistake.quarter_turn": "K was turned by 90°, not 180°: the flip is torch.rot90(K, 2), "
                                                  "or K.flip(0, 1)",
})

MESSAGES.update({
    "conv_layer.corr2d_matmul.rule": "the result is corr2d(X, K): flatten the windows of X into the rows of an "
                                     "(oh*ow, kh*kw) matrix (X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh*ow, -1), "
                                     "or F.unfold) and multiply it by K.reshape(-1)",
    "conv_layer.corr2d_matmul.transpose_rule": "compute it as one matrix-vector product, (C.T @ Y.reshape(-1))"
                                               ".reshape(input_shape) with C = kernel_matrix(K, input_shape): the "
                                               "transposed convolution is multiplication by C.T",
    "conv_layer.corr2d_matmul.matrix_rule": "row i*ow + j of C holds K at the flattened positions of the window at "
                                            "(i, j): C[i*ow + j, (i+a)*w + (j+b)] = K[a, b], zeros elsewhere",
    "conv_layer.corr2d_matmul.call_d2l": "corr2d_matmul(X, K) on d2l's 3×3 example with int64 tensors",
    "conv_layer.corr2d_matmul.hint.integers": "integer inputs must give exact values (any result dtype is fine); "
                                              "F.unfold and CUDA matmuls refuse integer tensors: compute in float64 "
                                              "(exact for such integers) and round back",
    "conv_layer.corr2d_matmul.call_code": "the code of {name}",
    "conv_layer.corr2d_matmul.call_product": "C @ X.reshape(-1) with C = {call} and a random X {h}×{w}",
    "conv_layer.corr2d_matmul.expected.no_convolution": "no convolution function (the point is to express it as a "
                                                        "matrix multiplication)",
    "conv_layer.corr2d_matmul.got.calls": "it calls {names}",
    "conv_layer.corr2d_matmul.expected.a_matmul": "a matrix multiplication (@, torch.mm, torch.mv, torch.matmul, "
                                                  "einsum...)",
    "conv_layer.corr2d_matmul.got.no_matmul": "no matrix multiplication in it or in the functions it calls",
    "conv_layer.corr2d_matmul.mistake.library_convolution": "{name} calls {names}: a library convolution computes "
                                                            "the result, not a matrix product",
    "conv_layer.corr2d_matmul.mistake.no_matmul": "{name} gets its values without any matrix multiplication (no @, "
                                                  "mm, mv, matmul or einsum in it or the functions it calls)",
    "conv_layer.corr2d_matmul.hint.matrix_shape": "one row per output element ({oh} * {ow} = {rows}) and one column "
                                                  "per input pixel ({h} * {w} = {columns})",
    "conv_layer.corr2d_matmul.mistake.matrix_transposed": "your C is transposed: it has one row per input pixel; C "
                                                          "has one row per output element and one column per input "
                                                          "pixel, (oh*ow, h*w)",
    "conv_layer.corr2d_matmul.mistake.matrix_flipped": "the rows of your C hold the flipped kernel: "
                                                       "cross-correlation places K itself, "
                                                       "C[i*ow + j, (i+a)*w + (j+b)] = K[a, b]",
    "conv_layer.corr2d_matmul.mistake.rows_column_major": "your rows are in column-major order (output (i, j) at row "
                                                          "j*oh + i): output (i, j) is row i*ow + j, as "
                                                          "Y.reshape(-1) orders it",
    "conv_layer.corr2d_matmul.mistake.rows_times_oh": "your rows are numbered i*oh + j: output (i, j) is row "
                                                      "i*ow + j (a row of the output has ow elements), which differs "
                                                      "when the output is not square",
    "conv_layer.corr2d_matmul.mistake.columns_output_width": "your columns are numbered (i+a)*ow + (j+b): input pixel "
                                                             "(r, c) is column r*w + c, with the input's width w",
    "conv_layer.corr2d_matmul.hint.transpose_shape": "the result has the input's shape {shape}",
    "conv_layer.corr2d_matmul.mistake.transpose_flipped": "your result equals the transposed convolution with the "
                                                          "kernel flipped: C.T @ y adds y[i, j] * K itself (not "
                                                          "flipped) onto the window at (i, j)",
})

MESSAGES.update({
    "conv_layer.corr2d_matmul.mistake.transpose_uses_wrong_C": "your transpose_corr2d computes C.T @ y with your "
                                                               "kernel_matrix, and that C is wrong (see kernel_matrix's "
                                                               "feedback): fix kernel_matrix first",
})

# ---------------------------------------------------------------------- hand-designed kernels (shared)
MESSAGES.update({
    "conv_layer.kernels.hint.return_kernel": "return the kernel as a 2-D torch.Tensor, e.g. "
                                             "torch.tensor([[1.0, -1.0]])",
    "conv_layer.kernels.expected.two_d": "a 2-D kernel of shape (kh, kw)",
    "conv_layer.kernels.hint.two_d": "corr2d needs a 2-D kernel; a single row is written with double brackets, "
                                     "torch.tensor([[...]]), which has shape (1, k)",
    "conv_layer.kernels.mistake.one_d": "your kernel is 1-D (single brackets): torch.tensor([[...]]) with double "
                                        "brackets is one row, shape (1, k)",
    "conv_layer.kernels.hint.from_numbers": "build the kernel from numbers",
    "conv_layer.kernels.expected.real": "a real-valued kernel",
    "conv_layer.kernels.hint.real": "use real numbers",
    "conv_layer.kernels.expected.small": "a small non-empty kernel (at most {side} × {side})",
    "conv_layer.kernels.hint.small": "these kernels need only a few taps",
    "conv_layer.kernels.expected.finite": "finite values",
    "conv_layer.kernels.got.not_finite": "a kernel containing NaN or inf",
    "conv_layer.kernels.hint.finite": "check for divisions by zero",
    "conv_layer.kernels.applied": "K = {call} (shape {shape}); Y = corr2d(X, K) on {image}",
    "conv_layer.kernels.expected.silent": "Y == 0 everywhere",
    "conv_layer.kernels.got.mismatch": "{count} of {total} values wrong (largest error {error} at Y{where}); {looks}",
    "conv_layer.kernels.got.zero": "your response is zero everywhere",
    "conv_layer.kernels.got.multiple": "your response is {ratio} times the expected one",
    "conv_layer.kernels.got.constant": "your response is the constant {value} everywhere",
    "conv_layer.kernels.got.changes": "your response changes over the image",
    "conv_layer.kernels.image.constant": "a constant image X = {value} ({shape})",
})

MESSAGES.update({
    "conv_layer.diagonal_edge_kernel.hint.sum_zero": "a flat region has no edge: the entries of K must sum to zero",
    "conv_layer.diagonal_edge_kernel.hint.rows_cancel": "straight edges must cancel exactly: on an image that changes "
                                                        "only down the height, each row of K meets a single pixel "
                                                        "value, so every row of K must sum to zero",
    "conv_layer.diagonal_edge_kernel.hint.columns_cancel": "straight edges must cancel exactly: on an image that "
                                                           "changes only along the width, each column of K meets a "
                                                           "single pixel value, so every column of K must sum to zero",
    "conv_layer.diagonal_edge_kernel.profile.step": "step",
    "conv_layer.diagonal_edge_kernel.profile.stripe": "stripe",
    "conv_layer.diagonal_edge_kernel.profile.random": "random",
    "conv_layer.diagonal_edge_kernel.profile.ramp": "ramp",
    "conv_layer.diagonal_edge_kernel.image.horizontal": "an image of horizontal edges, X[i, j] = g(i) with a {kind} "
                                                        "profile g down the height ({shape})",
    "conv_layer.diagonal_edge_kernel.image.vertical": "an image of vertical edges, X[i, j] = h(j) with a {kind} "
                                                      "profile h along the width ({shape})",
    "conv_layer.diagonal_edge_kernel.image.diagonal": "two images of diagonal edges, X[i, j] = g(j - i) and "
                                                      "X[i, j] = g(i + j) with a {kind} profile g ({shape})",
    "conv_layer.diagonal_edge_kernel.expected.responds": "a nonzero response along the diagonal edge (in at least "
                                                         "one of the two diagonal directions)",
    "conv_layer.diagonal_edge_kernel.got.silent": "Y == 0 everywhere on both images",
    "conv_layer.diagonal_edge_kernel.hint.responds": "K must not cancel on a diagonal step: combine a difference "
                                                     "along the width with a difference along the height so that "
                                                     "each cancels what the other sees on straight edges",
})

MESSAGES.update({
    "conv_layer.directional_edge_kernel.axes": "v1 is along the height (dim 0, rows) and v2 along the width "
                                               "(dim 1, columns)",
    "conv_layer.directional_edge_kernel.image.along_v": "the ramp X[i, j] = a*i + b*j with (a, b) = v, the ramp "
                                                        "along v ({shape})",
    "conv_layer.directional_edge_kernel.image.across_v": "the ramp X[i, j] = a*i + b*j with (a, b) = (-v2, v1), "
                                                         "orthogonal to v (a*v1 + b*v2 = 0) ({shape})",
    "conv_layer.directional_edge_kernel.image.random": "the ramp X[i, j] = a*i + b*j with random a, b ({shape})",
    "conv_layer.directional_edge_kernel.expected.constant_response": "a constant, nonzero response "
                                                                     "c * (v1**2 + v2**2)",
    "conv_layer.directional_edge_kernel.hint.constant_response": "on a linear ramp every window sees the same "
                                                                 "differences; K must also sum to zero, or the "
                                                                 "ramp's height itself leaks into the response",
    "conv_layer.directional_edge_kernel.hint.respond_along_v": "K must respond to a ramp that rises along v; {axes}",
    "conv_layer.directional_edge_kernel.hint.silent_across": "this image's edges run along v, so a detector of "
                                                             "edges orthogonal to v must not see them; {axes}",
    "conv_layer.directional_edge_kernel.expected.one_scale": "the constant c * (a*v1 + b*v2), with the c that the "
                                                             "ramp along v gives",
    "conv_layer.directional_edge_kernel.hint.one_scale": "both differences in K must have the same sign and the "
                                                         "same scale, so one c works for every ramp; {axes}",
    "conv_layer.directional_edge_kernel.mistake.axes_swapped": "for this v your kernel is silent across (v2, v1), "
                                                               "not across (v1, v2): it looks as if the height and "
                                                               "width components were swapped; v1 goes with the rows "
                                                               "(dim 0), v2 with the columns (dim 1)",
    "conv_layer.second_derivative_kernel.mistake.column": "your kernel runs down the height (dim 0); the width is "
                                                          "dim 1, so a row kernel has shape (1, k)",
    "conv_layer.second_derivative_kernel.mistake.too_few_taps": "two samples can only give a first derivative; a "
                                                                "second derivative needs three",
    "conv_layer.second_derivative_kernel.hint.shape": "three samples in one row are enough for a second derivative "
                                                      "along the width (and fewer are not): shape (1, 3)",
    "conv_layer.second_derivative_kernel.image": "the quadratic image X[i, j] = a*x**2 + b*x + c with x = j and "
                                                 "{coefficients} ({shape})",
    "conv_layer.second_derivative_kernel.image_plus_rows": "the quadratic image X[i, j] = a*x**2 + b*x + c with "
                                                           "x = j and {coefficients}, plus a random g(i) down the "
                                                           "height ({shape})",
    "conv_layer.second_derivative_kernel.expected": "{value} everywhere (the second derivative along the width)",
    "conv_layer.second_derivative_kernel.hint.exact": "K must cancel constants and slopes along the width (its taps "
                                                      "sum to zero, and so do the taps times their column offset) "
                                                      "and turn x**2 into exactly 2",
    "conv_layer.second_derivative_kernel.mistake.negated": "your kernel gives -2 on x**2: it is the second "
                                                           "difference negated; [[1, -2, 1]] gives +2",
    "conv_layer.second_derivative_kernel.mistake.halved": "your kernel gives 1 on x**2, not 2: it is the second "
                                                          "difference halved; [[1, -2, 1]] gives exactly 2",
    "conv_layer.laplacian_kernel.image": "the image X[i, j] = {formula} ({shape})",
    "conv_layer.laplacian_kernel.image_random": "the image X[i, j] = {formula} with random coefficients ({shape})",
    "conv_layer.laplacian_kernel.hint.shape": "the Laplacian needs the pixel and its neighbours on both sides in "
                                              "both directions: 3 × 3",
    "conv_layer.laplacian_kernel.expected": "f_xx + f_yy = {value} everywhere",
    "conv_layer.laplacian_kernel.hint.exact": "the Laplacian is the second difference along the width plus the "
                                              "second difference down the height; mind the sign and the scale (each "
                                              "second difference of x**2 is 2), and a mixed i*j term must cancel",
    "conv_layer.laplacian_kernel.hint.linear": "a linear image has no curvature: K's taps must sum to zero and be "
                                               "balanced left/right and up/down",
    "conv_layer.laplacian_kernel.mistake.negated": "your kernel is the Laplacian negated (i**2 + j**2 gives -4, not "
                                                   "4): the centre tap is -4 and the four neighbours +1",
    "conv_layer.blur_kernel.hint.shape": "blur_kernel(size) is a square kernel: size × size",
    "conv_layer.blur_kernel.expected.non_negative": "every tap >= 0",
    "conv_layer.blur_kernel.got.negative": "{count} negative taps (the smallest is {smallest})",
    "conv_layer.blur_kernel.hint.non_negative": "a blur averages neighbours with non-negative weights; negative "
                                                "taps sharpen instead",
    "conv_layer.blur_kernel.expected.sum_one": "1 (the taps are the weights of an average)",
    "conv_layer.blur_kernel.hint.sum_one": "divide the taps by their sum (a box of size × size has taps "
                                           "1 / size**2)",
    "conv_layer.blur_kernel.expected.symmetric_0": "a kernel that is unchanged when flipped upside down (K.flip(0))",
    "conv_layer.blur_kernel.expected.symmetric_1": "a kernel that is unchanged when flipped left to right "
                                                   "(K.flip(1))",
    "conv_layer.blur_kernel.got.taps_change": "{count} of {total} taps change",
    "conv_layer.blur_kernel.hint.centred": "centre the weights: for a Gaussian, measure distances from "
                                           "(size - 1) / 2, which is between two pixels when size is even",
    "conv_layer.blur_kernel.call.constant": "K = {call}; Y = corr2d(X, K) on a constant image X ({shape})",
    "conv_layer.blur_kernel.expected.keeps_constant": "Y equal to the image's constant value everywhere",
    "conv_layer.blur_kernel.got.constant_changed": "{count} of {total} values differ (Y[0, 0] is {ratio} times the "
                                                   "constant)",
    "conv_layer.blur_kernel.hint.keeps_constant": "a blur must not brighten or darken a flat image: its taps must "
                                                  "sum to 1",
    "conv_layer.blur_kernel.call.noise": "K = {call}; Y = corr2d(X, K) on white noise X",
    "conv_layer.blur_kernel.expected.less_noise": "Y.var() clearly below X.var() (blurring averages the noise away)",
    "conv_layer.blur_kernel.hint.spread": "spread the weight over several taps (all of K's weight on one tap only "
                                          "shifts the image)",
    "conv_layer.derivative_kernel.hint.shape": "a d-th derivative along the width needs d + 1 samples in one row: "
                                               "shape (1, {taps})",
    "conv_layer.derivative_kernel.hint.min_size": "a polynomial of degree d has d + 1 coefficients; fewer than d + 1 "
                                                  "samples cannot tell x**d from lower powers",
    "conv_layer.derivative_kernel.mistake.size_d": "your answer is d: a d-th difference needs d + 1 samples (the "
                                                   "first difference already needs 2)",
    "conv_layer.derivative_kernel.image.power": "the image X[i, j] = x**{d} with x = j ({shape})",
    "conv_layer.derivative_kernel.expected.factorial": "{d}! = {value} everywhere",
    "conv_layer.derivative_kernel.hint.taps": "the taps are the d-th difference: binomial coefficients C(d, k) with "
                                              "alternating signs, the last tap positive (corr2d does not flip K: "
                                              "[[-1, 1]] is +d/dx)",
    "conv_layer.derivative_kernel.image.polynomial": "an image X[i, j] = p(x), p a random polynomial of degree "
                                                     "{degree} and x = j - {offset} ({shape})",
    "conv_layer.derivative_kernel.expected.leading": "{d}! times the x**{d} coefficient, everywhere",
    "conv_layer.derivative_kernel.expected.zero": "0 everywhere (a degree-{degree} polynomial has no {d}-th "
                                                  "derivative)",
    "conv_layer.derivative_kernel.hint.exact": "the d-th difference cancels every power below d and turns x**d into "
                                               "d!; check the signs and do not divide by anything",
    "conv_layer.derivative_kernel.mistake.sign": "your kernel is the d-th difference with the opposite sign: the "
                                                 "last tap is positive (corr2d does not flip K: [[-1, 1]] is +d/dx)",
    "conv_layer.derivative_kernel.mistake.divided": "your kernel gives 1, not d!, on x**d: it is divided by d!; the "
                                                    "d-th difference of x**d is d!",
})

MESSAGES.update({
    "conv_layer.diagonal.explain.K": "[[1, -1]] computes X[i, j] - X[i, j + 1]: it fires wherever a row changes from "
                                     "one column to the next, and every row of eye(8) changes on both sides of its 1 "
                                     "(a diagonal edge is also a vertical step in every row); the output has 8 rows "
                                     "and 8 - 2 + 1 = 7 columns",
    "conv_layer.diagonal.explain.transpose_X": "eye(8) is symmetric (X.T equals X), so transposing X changes nothing: "
                                               "this answer equals the first one, 8 × 7",
    "conv_layer.diagonal.explain.transpose_K": "K.T has shape (2, 1) and computes X[i, j] - X[i + 1, j], a difference "
                                               "down the height: it detects horizontal edges instead of vertical ones; "
                                               "the output has 8 - 2 + 1 = 7 rows and 8 columns",
    "conv_layer.diagonal.hint.return_image": "return the image as a 2-D torch.Tensor",
    "conv_layer.diagonal.expected.image": "a 2-D image with real values, shape ({n}, {n})",
    "conv_layer.diagonal.hint.image": "build an n × n image from numbers (at least 2 × 2, or it cannot have an edge)",
    "conv_layer.diagonal.hint.shape": "diagonal_image(n) returns an n × n image: shape ({n}, {n}) here",
    "conv_layer.diagonal.mistake.ignores_n": "your image has the same size whatever n is: build it from n "
                                             "(e.g. torch.eye(n))",
    "conv_layer.diagonal.expected.depends_on_j_minus_i": "X[i, j] == X[i + 1, j + 1] everywhere (the value depends "
                                                         "only on j - i)",
    "conv_layer.diagonal.got.pairs_differ": "{count} of {total} such pairs differ, e.g. {example}",
    "conv_layer.diagonal.hint.j_minus_i": "every line parallel to the main diagonal must carry one value: "
                                          "X[i, j] = g(j - i) for some non-constant g (d2l's own exercise image is one)",
    "conv_layer.diagonal.mistake.anti_diagonal": "your image is constant along the other diagonals (its value "
                                                 "depends on i + j); here the value must depend only on j - i",
    "conv_layer.diagonal.expected.not_constant": "an image that is not constant",
    "conv_layer.diagonal.got.constant": "the same value in every pixel",
    "conv_layer.diagonal.hint.not_constant": "a constant image has no edges at all; it needs at least two values, "
                                             "arranged by j - i",
    "conv_layer.diagonal.expected.dict": "a dict with the keys {keys}",
    "conv_layer.diagonal.hint.dict": "return {{\"K\": ..., \"transpose_X\": ..., \"transpose_K\": ...}}, each a "
                                     "tensor computed with corr2d",
    "conv_layer.diagonal.got.keys": "a dict with the keys {keys}",
    "conv_layer.diagonal.hint.keys": "spell the keys exactly as given",
    "conv_layer.diagonal.call_answer": "{call}, which should be {what}",
    "conv_layer.diagonal.mistake.other_answer": "your answer equals the \"{other}\" answer, {what}",
    "conv_layer.diagonal.mistake.opposite_sign": "your answer has the opposite sign: corr2d does not flip K "
                                                 "(Y[i, j] = X[i, j] * K[0, 0] + X[i, j + 1] * K[0, 1])",
})

MESSAGES.update({
    "conv_layer.output_shape.reason.stride": "a stride must be at least 1",
    "conv_layer.output_shape.reason.stride_each": "a stride must be at least 1 in each dimension",
    "conv_layer.output_shape.reason.padding": "padding must not be negative",
    "conv_layer.output_shape.reason.dilation": "a dilation must be at least 1",
    "conv_layer.output_shape.reason.kernel": "a kernel must be at least 1×1",
    "conv_layer.output_shape.reason.empty": "the output would be empty: the padding removes more than the layer produces",
    "conv_layer.output_shape.reason.output_padding": "output_padding must be smaller than the stride (or the dilation) in each dimension",
    "conv_layer.output_shape.reason.output_padding_negative": "output_padding must not be negative",
    "conv_layer.output_shape.got.tensor": "a tensor of shape {shape}",
    "conv_layer.output_shape.expected.as_layer": "(h_out, w_out) as {layer} computes it",
    "conv_layer.output_shape.hint.formulas": "{formulas}",
    "conv_layer.output_shape.expected.int_pair": "a pair (h_out, w_out) of ints",
    "conv_layer.output_shape.hint.int_pair": "return a tuple of two Python ints",
    "conv_layer.output_shape.mistake.true_division": "your sizes are floats: / is true division; use floor "
                                                     "division // so the sizes stay ints (and round down)",
    "conv_layer.output_shape.got.wrong": "{values} ({which} wrong)",
    "conv_layer.output_shape.mistake.dilation_ignored": "your sizes are what the formula gives without the dilation: "
                                                        "a dilated kernel spans d*(k-1) + 1 input pixels, so use "
                                                        "d*(k-1) where you have (k-1)",
    "conv_layer.output_shape.mistake.padding_once": "your sizes count the padding once: it is added on BOTH sides, "
                                                    "n + 2*p",
    "conv_layer.output_shape.mistake.ceil": "your sizes round the division up: a window that would stick out past "
                                            "the padded input is not computed, so round down (floor, //)",
    "conv_layer.output_shape.mistake.stride_ignored": "your sizes are the stride-1 sizes: with stride s the window "
                                                      "moves s pixels at a time, so divide by s (floor) and add 1",
    "conv_layer.output_shape.mistake.stride_dilation_swapped": "your sizes have the stride and the dilation swapped: "
                                                               "the dilation spreads the kernel, d*(k-1), and the "
                                                               "stride divides, floor(... / s)",
    "conv_layer.output_shape.mistake.pair_first_component": "your sizes use the first component of a pair for both "
                                                            "dimensions: a pair (h, w) sets the height and the width "
                                                            "separately",
    "conv_layer.output_shape.mistake.transpose_n_times_stride": "your transposed size starts from n*s: the inputs "
                                                                "are s apart, so n of them span (n - 1)*s",
    "conv_layer.output_shape.mistake.transpose_stride_dilation_swapped": "your transposed sizes have the stride and "
                                                                         "the dilation swapped: (n - 1)*s spaces the "
                                                                         "inputs, d*(k - 1) spreads the kernel",
    "conv_layer.output_shape.mistake.transpose_padding_added": "your transposed sizes add the padding: a transposed "
                                                               "convolution removes it, - 2*p",
    "conv_layer.output_shape.mistake.crashed_on_form": "your function fails on this way of writing the arguments: "
                                                       "every argument may be an int (the same for both dimensions) "
                                                       "or a pair (h, w)",
    "conv_layer.output_shape.mistake.output_padding_stride_only": "you refused output_padding >= stride, but "
                                                                  "output_padding only has to be smaller than the "
                                                                  "stride OR the dilation in each dimension",
    "conv_layer.output_shape.mistake.refused_accepted": "{layer} accepts this configuration (it gives a non-empty "
                                                        "output): raise only where PyTorch does",
    "conv_layer.output_shape.hint.empty_output": "the dilated kernel is larger than the padded input ({sizes}): the "
                                                 "output would be empty, so nn.Conv2d refuses it; raise ValueError",
    "conv_layer.output_shape.mistake.int_truncation": "your size comes from int(x / s), which rounds toward zero "
                                                      "where floor rounds down: a numerator between -s and 0 gives "
                                                      "size 1 instead of 0; use // (or math.floor) and raise "
                                                      "ValueError for an empty output",
    "conv_layer.output_shape.mistake.no_empty_check": "your function returns a size here: check for an empty output "
                                                      "(a size below 1) and raise ValueError",
    "conv_layer.output_shape.hint.invalid": "nn.Conv2d refuses this ({reason}); check the arguments before using the "
                                            "formula and raise ValueError",
    "conv_layer.output_shape.mistake.no_argument_check": "your function returns a size for arguments nn.Conv2d "
                                                         "refuses: check each argument first (stride and dilation "
                                                         ">= 1, padding >= 0, kernel >= 1)",
    "conv_layer.output_shape.expected.same": "a padding with which nn.Conv2d(1, 1, {kernel}, padding=...) keeps a "
                                             "{h}×{w} input's size",
    "conv_layer.output_shape.hint.same": "at stride 1, n_out = n + 2*p - k + 1 and p is added on each side, so "
                                         "p = (k - 1) / 2 per side (an int, or a pair (p_h, p_w) for a pair kernel)",
    "conv_layer.output_shape.mistake.float_padding": "your padding is not an int: use floor division // (nn.Conv2d "
                                                     "refuses a float padding)",
    "conv_layer.output_shape.got.padding_gives": "{padding}, which gives {size}",
    "conv_layer.output_shape.mistake.same_total": "your padding is k - 1, the TOTAL padding: nn.Conv2d adds it on "
                                                  "both sides, so per side it is (k - 1) // 2",
    "conv_layer.output_shape.hint.even_kernel": "an even kernel would need different padding on the two sides "
                                                "(k - 1 is odd), which one per-side number cannot give: raise "
                                                "ValueError",
    "conv_layer.output_shape.hint.transpose_refused": "nn.ConvTranspose2d refuses this ({reason}): raise "
                                                      "ValueError{formulas}",
})

MESSAGES.update({
    "conv_layer.receptive_field.expected.stride_one": "the receptive field of a stack of stride-1 convolutions",
    "conv_layer.receptive_field.mistake.strides_none": "your function fails on the default strides=None: it means "
                                                       "stride 1 for every layer; handle it before using the strides",
    "conv_layer.receptive_field.expected.int": "an int (the side of a square region of the input)",
    "conv_layer.receptive_field.hint.int": "return a Python int; multiply and add ints (no / division)",
    "conv_layer.receptive_field.expected.measured": "the side measured by back-propagating one output element",
    "conv_layer.receptive_field.rule": "each layer widens the field by (k - 1) of ITS input pixels, which are as far "
                                       "apart as the product of the strides of the layers BEFORE it: {formula}",
    "conv_layer.receptive_field.mistake.sum_of_kernels": "your result equals the sum of the kernel sizes, but "
                                                         "neighbouring windows overlap (two 3×3 layers see 5 pixels, "
                                                         "not 6): each layer adds k - 1",
    "conv_layer.receptive_field.mistake.ignores_strides": "your result is the stride-1 answer, 1 + sum(k - 1): a "
                                                          "stride s in an earlier layer puts the next layer's taps s "
                                                          "input pixels apart",
    "conv_layer.receptive_field.mistake.off_by_one": "your result is one short: the field starts at 1 pixel (a 1×1 "
                                                     "layer sees 1 pixel), r = 1 + sum((k - 1) * jump)",
    "conv_layer.receptive_field.mistake.own_stride": "your result multiplies each layer's (k - 1) by its own stride "
                                                     "too: a layer's taps are spaced only by the strides of the "
                                                     "layers BEFORE it",
    "conv_layer.receptive_field.mistake.all_strides": "your result scales the stride-1 field by the product of all "
                                                      "the strides: each layer is spread only by the strides below it",
    "conv_layer.receptive_field.mistake.wrong_direction": "your result runs r = (r - 1) * s + k from the first layer "
                                                          "to the last: that recurrence walks from the output down, so "
                                                          "it must visit the layers from the last to the first",
})

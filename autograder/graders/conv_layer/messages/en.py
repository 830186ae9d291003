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
    "conv_layer.expected.placed": "self.{name} on {device} in {dtype} like the input {conversion}",
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

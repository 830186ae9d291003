"""English: the hints and named mistakes of the channels graders (keys ``channels.*``).

``channels.<question>.*`` belong to one question; ``channels.hint.*`` are shared. A key
with a ``mistake`` part names a known mistake (the grader computed its output and found it
equal to the student's); other hints are rules.
"""

MESSAGES = {
    "channels.hint.integers_and": "integer inputs must give exact values (any result dtype is fine); {rule}",
    "channels.hint.output_shape": "output height should be {height} and width {width}",

    # ------------------------------------------------------------------ pad2d
    "channels.pad2d.mode.zeros": "zeros surrounds the image by a frame of zeros: [1, 2, 3] padded by 2 is "
                                 "[0, 0, 1, 2, 3, 0, 0]",
    "channels.pad2d.mode.reflect": "reflect mirrors about the edge pixel without repeating it: [1, 2, 3] padded by 2 "
                                   "is [3, 2, 1, 2, 3, 2, 1]",
    "channels.pad2d.mode.replicate": "replicate repeats the edge pixel: [1, 2, 3] padded by 2 is [1, 1, 1, 2, 3, 3, 3]",
    "channels.pad2d.mode.circular": "circular wraps around (the left border comes from the right end): [1, 2, 3] "
                                    "padded by 2 is [2, 3, 1, 2, 3, 1, 2]",
    "channels.pad2d.hint.shape": "padding={padding} adds {ph} row(s) on top and at the bottom and {pw} column(s) on "
                                 "the left and on the right: the result should be ({h} + 2*{ph}, {w} + 2*{pw}) = "
                                 "({oh}, {ow})",
    "channels.pad2d.hint.default_mode": "the default mode is 'zeros'",
    "channels.pad2d.mistake.one_side": "your result is padded only on the top and the left: padding p adds p on both "
                                       "sides of each axis (the result grows by 2p)",
    "channels.pad2d.mistake.swapped_axes": "your result pads the height by pw and the width by ph: padding is "
                                           "(ph, pw); F.pad's list starts with the LAST dimension, (pw, pw, ph, ph)",
    "channels.pad2d.mistake.symmetric_not_reflect": "your reflect repeats the edge pixel (numpy's 'symmetric'): "
                                                    "reflect mirrors about the edge without repeating it, "
                                                    "[1, 2, 3] -> [3, 2, 1, 2, 3, 2, 1]",
    "channels.pad2d.mistake.circular_wrong_way": "your circular padding wraps the wrong way: the left border comes "
                                                 "from the right end of the image (the last columns), and the right "
                                                 "border from the first",
    "channels.pad2d.mistake.negative_zero_slice": "with a padding of 0 your code adds a whole copy of the image: "
                                                  "X[:, -0:] is X[:, 0:], all of it; treat p == 0 apart (or slice "
                                                  "with X.shape[1] - p)",
}

MESSAGES.update({
    "channels.corr2d_strided.rule": "pad X with zeros first, then Y[i, j] = (Xp[i*sh:i*sh+kh, j*sw:j*sw+kw] * K).sum(): "
                                    "the stride moves the window, it does not thin out the input",
    "channels.corr2d_strided.mistake.swapped_stride": "your result uses the stride pair the wrong way round (the "
                                                      "width's stride down the rows): stride is (sh, sw), height first",
    "channels.corr2d_strided.mistake.padding_as_total": "your result pads p // 2 on each side: padding, as in "
                                                        "nn.Conv2d, is per side, so p rows on top AND p at the bottom",
    "channels.corr2d_strided.mistake.padding_one_side": "your result is padded only on the top and the left: padding "
                                                        "adds p on both sides, so the padded input is n + 2p long",
    "channels.corr2d_strided.mistake.stride_on_input": "your result keeps every s-th row and column of the padded "
                                                       "input and then slides the window by 1: the stride moves the "
                                                       "window by s over the whole padded input",
    "channels.corr2d_strided.mistake.ceil": "your output size rounds up: a window that would stick out of the "
                                            "padded input is not computed, so floor((n + 2p - k) / s) + 1",
    "channels.corr2d_strided.mistake.no_plus_one": "your output is one short in each dimension: the window at "
                                                   "position 0 counts too, floor((n + 2p - k) / s) + 1",
})

MESSAGES.update({
    "channels.corr2d_multi_in.rule": "correlate each channel of X with the matching channel of K and add the c "
                                     "results: Y = sum over i of corr2d(X[i], K[i]), an (h-kh+1, w-kw+1) image",
    "channels.corr2d_multi_in.hint.shape": "the result has no channel dimension: {shape}",
    "channels.corr2d_multi_in.mistake.first_channel_only": "your result is the correlation of the first channel "
                                                           "only: add the correlations of all c channels",
    "channels.corr2d_multi_in.mistake.mean": "your result is the mean over the channels: the multi-input "
                                             "correlation is their sum (c times more)",
    "channels.corr2d_multi_in.mistake.stacked": "your result stacks the per-channel correlations, (c, oh, ow): add "
                                                "them instead, one output channel",
    "channels.corr2d_multi_in.mistake.channels_as_height": "your result's height comes from the channel count "
                                                           "X.shape[0]: X is (c, h, w), so the height is X.shape[1]",
    "channels.corr2d_multi_in_out.rule": "output channel o is corr2d_multi_in(X, K[o]) (a sum over the c input "
                                         "channels); stack the co results along a new first dimension",
    "channels.corr2d_multi_in_out.hint.shape": "the result is (co, oh, ow) with co = K.shape[0] = {co}; {shape}",
    "channels.corr2d_multi_in_out.mistake.stacked_dim1": "your output channels are stacked along dim 1, (oh, co, ow): "
                                                         "stack along a new first dimension, torch.stack(..., 0)",
    "channels.corr2d_multi_in_out.mistake.stacked_last": "your output channels are in the last dimension, "
                                                         "(oh, ow, co): PyTorch is channels-first, (co, oh, ow)",
    "channels.corr2d_multi_in_out.mistake.summed_outputs": "your result adds the output channels together: each of "
                                                           "the co kernels gives its own channel; stack them",
    "channels.corr2d_multi_in_out.mistake.kernel_axes_swapped": "your result reads K as (c, co, kh, kw): K is "
                                                                "(co, c, kh, kw), so K[o] is the (c, kh, kw) kernel of "
                                                                "output channel o",
    "channels.corr2d_multi_in_out_1x1.rule": "a 1×1 kernel mixes the channels of each pixel separately: with X as a "
                                             "(c, h*w) matrix (one column per pixel) and K as a (co, c) matrix, "
                                             "Y = K @ X is (co, h*w); reshape it to (co, h, w)",
    "channels.corr2d_multi_in_out_1x1.hint.shape": "a 1×1 kernel keeps the image size: the result is (co, h, w) = "
                                                   "({co}, {h}, {w})",
    "channels.corr2d_multi_in_out_1x1.mistake.reshape_w_h": "your result is (co, w, h): reshape the product to "
                                                            "(co, h, w), height first",
    "channels.corr2d_multi_in_out_1x1.mistake.columns_flattened": "your result flattens the pixels column by column "
                                                                  "(X.transpose(1, 2)) but reshapes back row by row: "
                                                                  "flatten with X.reshape(c, h * w)",
    "channels.corr2d_multi_in_out_1x1.mistake.not_transposed": "your result reshapes the (h*w, co) product to "
                                                               "(co, h, w) without transposing it first: compute "
                                                               "K @ X, (co, c) @ (c, h*w)",
    "channels.corr2d_multi_in_out_1x1.call_code": "the code of corr2d_multi_in_out_1x1",
    "channels.corr2d_multi_in_out_1x1.expected.no_convolution": "no convolution function: the point is to do the 1×1 "
                                                                "convolution as a matrix product",
    "channels.corr2d_multi_in_out_1x1.got.calls": "it calls {names}",
    "channels.corr2d_multi_in_out_1x1.expected.a_matmul": "a matrix multiplication (torch.matmul, @, torch.mm or "
                                                          "einsum)",
    "channels.corr2d_multi_in_out_1x1.got.no_matmul": "no matrix multiplication in it or in the functions it calls",
    "channels.corr2d_multi_in_out_1x1.mistake.library_convolution": "your code calls {names}: a library convolution "
                                                                    "computes the result, not a matrix product",
    "channels.corr2d_multi_in_out_1x1.mistake.no_matmul": "your code gets the values without a matrix "
                                                          "multiplication (no @, mm, matmul or einsum in it or the "
                                                          "functions it calls)",
    "channels.conv_weight_shape.rule": "nn.Conv2d's weight is (out_channels, in_channels // groups, kh, kw): one "
                                       "kernel per output channel, each seeing in_channels // groups input channels; "
                                       "kernel_size may be an int (a square kernel) or a pair; try "
                                       "nn.Conv2d(...).weight.shape yourself",
    "channels.conv_weight_shape.expected": "the shape of nn.Conv2d(...).weight for these arguments",
    "channels.conv_weight_shape.mistake.in_out_swapped": "in and out are swapped: output channels come first, "
                                                         "(out_channels, in_channels // groups, kh, kw)",
    "channels.conv_weight_shape.mistake.groups_ignored": "your shape ignores groups: each kernel sees only "
                                                         "in_channels // groups input channels",
    "channels.conv_weight_shape.mistake.kernel_swapped": "your shape has kh and kw swapped: kernel_size is (kh, kw), "
                                                         "height first, then width",
    "channels.conv_weight_shape.mistake.int_kernel_not_expanded": "your shape keeps an int kernel_size as one "
                                                                  "number: an int k means a k × k kernel, (.., k, k)",
    "channels.conv_weight_shape.hint.divisible": "{which} must be divisible by groups={groups} (nn.Conv2d raises "
                                                 "ValueError here too)",
    "channels.conv_weight_shape.mistake.in_only": "your function checks in_channels only: out_channels must be "
                                                  "divisible by groups too",
    "channels.conv2d_cost.rule": "multiply-adds = c_out × oh × ow × (c_in × kh × kw): every output element of every "
                                 "output channel is one dot product of a c_in × kh × kw window with a kernel; "
                                 "oh = floor((h + 2*ph - kh) / sh) + 1, ow likewise",
    "channels.conv2d_cost.expected": "the number of multiply-adds (hidden for this case)",
    "channels.conv2d_cost.mistake.flops": "your count is twice the multiply-adds: a multiply-add (one product added "
                                          "to the sum) counts once; counting the multiplication and the addition "
                                          "separately is the FLOP count",
    "channels.conv2d_cost.mistake.mults_plus_adds": "your count adds multiplications and additions (2 × window - 1 "
                                                    "per output): a multiply-add counts once",
    "channels.conv2d_cost.mistake.forgets_c_in": "your count leaves out c_in: each output element sums over all c_in "
                                                 "input channels, a c_in × kh × kw window",
    "channels.conv2d_cost.mistake.forgets_c_out": "your count leaves out c_out: each of the c_out output channels "
                                                  "has its own kernel",
    "channels.conv2d_cost.mistake.input_size": "your count uses the input size h × w: the kernel is applied once per "
                                               "OUTPUT position, oh × ow",
    "channels.conv2d_cost.mistake.padded_input_size": "your count uses the padded input size: the kernel is applied "
                                                      "once per OUTPUT position, oh × ow",
    "channels.conv2d_cost.mistake.ignores_stride": "your count ignores the stride: with stride s the window moves s "
                                                   "pixels at a time, oh = floor((h + 2*ph - kh) / sh) + 1",
    "channels.conv2d_cost.mistake.ignores_padding": "your count ignores the padding: it adds ph rows on top and ph "
                                                    "at the bottom, oh = floor((h + 2*ph - kh) / sh) + 1",
    "channels.conv2d_cost.mistake.padding_once": "your count adds the padding once: padding is per side, the padded "
                                                 "height is h + 2*ph",
    "channels.conv2d_cost.mistake.ceil": "your count rounds the output size up: a window that would stick out of the "
                                         "padded input is not computed (floor)",
    "channels.conv2d_cost.mistake.no_plus_one": "your output size misses the + 1: the first window counts too, "
                                                "floor((n + 2p - k) / s) + 1",
    "channels.conv2d_cost.mistake.axes_swapped": "your count swaps height and width somewhere: sizes are (height, "
                                                 "width) pairs",
    "channels.conv2d_cost.mistake.true_division": "your count divides with / (true division): windows come in whole "
                                                  "numbers, oh = (h + 2*ph - kh) // sh + 1",
})

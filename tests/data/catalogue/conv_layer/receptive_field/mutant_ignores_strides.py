"""Right for stride 1, but ignores the strides: 1 + sum(k - 1).

Wrong: after a stride-s layer, neighbouring pixels of the next layer's input are s input
pixels apart, so the next kernel spans s times as many input pixels.

Hints: conv_layer.receptive_field.mistake.ignores_strides
"""


def receptive_field(kernel_sizes, strides=None):
    field = 1
    for k in kernel_sizes:
        field += k - 1
    return field

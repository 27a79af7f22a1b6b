"""An exact PyTorch twin of the `cpu` preset's train step, as a yardstick for the Keras step's speed.

`TrainConfig.preset("cpu")` trains, in one step, the discriminator D (LayerNorm trunk, adversarial and attribute
heads), the attribute classifier C (BatchNorm trunk) and the generator G (gated-conv encoder with BatchNorm,
Selective Transfer Units, transposed-conv decoder with BatchNorm) with Adam. This file builds the same three networks
in PyTorch, copies the Keras weights into them, and runs the same step: D update, C update, G update (as
`animegan_keras.gan.AnimeGAN.train_step` with n_critic 1, loss "gan", no gradient penalty). `--check` checks the
twin exact (forward outputs, losses and one full train step from identical weights agree to 1e-4, or to the Keras
step's own float32 noise floor where that is larger: see `check_twin`); `--time` then says how
fast PyTorch runs the same work as the Keras/TensorFlow step, measured in the same process, interleaved. The check is
in float32; the bfloat16 twin is the same code under `torch.autocast` (channels_last), timed but not checked apart.

What had to be matched (see `weight_pairs` and the modules below):
- Conv2D kernels: Keras HWIO -> torch OIHW. Conv2DTranspose kernels (also the STU's upsampling kernel): Keras
  (h, w, out, in) -> torch (in, out, h, w). Both are the permutation (3, 2, 0, 1) and need no spatial flip: both
  libraries' transposed convolution is the adjoint of the same cross-correlation. 'same' padding: 4x4 stride 2 on
  even sizes and 3x3 stride 1 pad one pixel on each side (TensorFlow would put an odd total's extra pixel at the
  bottom/right; `same_padding` refuses that case), and the transposed 4x4 stride 2 'same' is torch padding 1,
  output_padding 0.
- Dense kernels are (in, out) in Keras, (out, in) in torch; the Dense after Flatten reads Keras' NHWC order, so its
  rows are reordered from (h, w, c) to torch's NCHW flatten order (c, h, w).
- BatchNormalization: Keras momentum 0.99 is torch momentum 0.01, epsilon 1e-3; Keras updates the moving variance
  with the biased batch variance, torch with the unbiased one (`BatchNorm` corrects it).
- GroupNormalization(groups=1) (the discriminator's "layer" norm): torch group_norm with 1 group, epsilon 1e-3.
- Adam: Keras adds epsilon (1e-7) to sqrt(v) before the bias correction, torch.optim.Adam after it (eps 1e-8), so
  the twin has its own `KerasAdam`; beta_1 0.5, beta_2 0.999 as `train.build_gan` compiles it.
- leaky ReLU slope 0.2 (Keras' "leaky_relu" default); the gated conv's bias goes to the gate only (its feature
  half is batch-normalized); G's training-mode batch norm also runs (and updates its moving statistics) when G makes
  the fakes of the D step, under no gradient; C judges G's edits in inference mode.

Install PyTorch into the project's environment as the CPU build that is on this machine's disk, pinned:

    .venv/bin/python -m pip install torch==2.13.0     # or: pip install -e ".[twin]"

(a plain `pip install torch` would fetch a CUDA build of several GB). Then:

    .venv/bin/python tools/torch_twin.py --check              # the twin is exact: prints a table of differences
    .venv/bin/python tools/torch_twin.py --check-draws        # the check at six draws -> nbs/results/twin_check.json
    .venv/bin/python tools/torch_twin.py --time               # ms/step: twin vs Keras, float32 and bfloat16
    .venv/bin/python tools/torch_twin.py --time --steps 1 --repeats 1   # a quick smoke run

Time on an idle machine. torch runs its threads with OpenMP (libgomp), whose waiting threads spin: when another process
holds a core, one descheduled thread stalls every parallel region, and the twin ran 11.9 s/step with 2 threads against
1.0 s with one on 2 busy cores (TensorFlow's thread pool does not suffer so). `OMP_WAIT_POLICY=PASSIVE` (set before
Python starts) removes that: 1.0 s/step on the same busy machine.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # the project, when run as tools/torch_twin.py

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LEAKY_SLOPE = 0.2      # keras.activations.leaky_relu's default negative_slope
BN_MOMENTUM = 0.99     # keras.layers.BatchNormalization: moving = moving * momentum + batch * (1 - momentum)
BN_EPSILON = 1e-3      # keras BatchNormalization and GroupNormalization
ADAM_EPSILON = 1e-7    # keras.optimizers.Adam


def cores() -> int:
    "The cores this process may run on."
    return len(os.sched_getaffinity(0))


def same_padding(kernel: int, stride: int, size: int) -> int:
    "Torch's symmetric padding equal to TensorFlow's 'same' padding of a `size`-pixel input; refuses asymmetric cases."
    total = max((-(-size // stride) - 1) * stride + kernel - size, 0)
    if total % 2: raise NotImplementedError(f"'same' padding of kernel {kernel}, stride {stride} on {size} px is asymmetric")
    return total // 2


def leaky(x): return F.leaky_relu(x, LEAKY_SLOPE)


def tile(features, vector):
    "ConcatAttributes: `vector` (B, n) tiled over the height and width of `features` (B, C, H, W), concatenated after them."
    b, _, h, w = features.shape
    return torch.cat([features, vector.to(features.dtype)[:, :, None, None].expand(b, vector.shape[1], h, w)], dim=1)


class BatchNorm(nn.Module):
    "keras.layers.BatchNormalization over the channels of an NCHW tensor (moving variance updated with the biased variance)."
    def __init__(self, channels: int):
        super().__init__()
        self.weight, self.bias = nn.Parameter(torch.ones(channels)), nn.Parameter(torch.zeros(channels))
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))

    def forward(self, x, training: bool):
        if not training:
            return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, BN_EPSILON)
        # torch updates copies (autograd keeps what it was given, so the buffers themselves may change later)
        m, mean, var = 1.0 - BN_MOMENTUM, self.running_mean.clone(), self.running_var.clone()
        out = F.batch_norm(x, mean, var, self.weight, self.bias, True, m, BN_EPSILON)
        # torch added m * unbiased variance; Keras adds m * biased variance = the same times (n - 1) / n
        n = x.numel() // x.shape[1]
        with torch.no_grad():
            self.running_mean.copy_(mean)
            self.running_var.copy_(self.running_var * (1 - m) + (var - self.running_var * (1 - m)) * ((n - 1) / n))
        return out


class LayerNorm(nn.Module):
    "keras.layers.GroupNormalization(groups=1): per-sample statistics over (C, H, W), per-channel gamma and beta."
    def __init__(self, channels: int):
        super().__init__()
        self.weight, self.bias = nn.Parameter(torch.ones(channels)), nn.Parameter(torch.zeros(channels))

    def forward(self, x, training: bool):
        return F.group_norm(x, 1, self.weight, self.bias, BN_EPSILON)


class GatedConv(nn.Module):
    "GatedConv2D with batch norm: leaky(BN(feature)) * sigmoid(gate + bias) from one fused kernel of 2F outputs."
    def __init__(self, cin: int, filters: int, kernel: int, stride: int, size: int):
        super().__init__()
        self.conv = nn.Conv2d(cin, 2 * filters, kernel, stride, same_padding(kernel, stride, size), bias=False)
        self.norm = BatchNorm(filters)
        self.bias = nn.Parameter(torch.zeros(filters))   # normalized features: the bias is the gate's alone

    def forward(self, x, training: bool):
        feature, gate = self.conv(x).chunk(2, dim=1)   # first F channels: features; last F: gate
        gate = gate + self.bias.to(gate.dtype)[:, None, None]
        return leaky(self.norm(feature, training)) * torch.sigmoid(gate)


class DeconvBlock(nn.Module):
    "Conv2DTranspose 4x4/2 'same' without bias, batch norm, ReLU: a decoder layer of the generator."
    def __init__(self, cin: int, filters: int, kernel: int):
        super().__init__()
        self.conv = nn.ConvTranspose2d(cin, filters, kernel, 2, padding=(kernel - 2) // 2, bias=False)
        self.norm = BatchNorm(filters)

    def forward(self, x, training: bool): return F.relu(self.norm(self.conv(x), training))


class STU(nn.Module):
    "SelectiveTransferUnit, state_mode 'stu', output_form 'stgan', no normalization, with biases."
    def __init__(self, f_channels: int, state_channels: int, filters: int, kernel: int = 3, up_kernel: int = 4):
        super().__init__()
        pad = same_padding(kernel, 1, 8)
        self.upsample = nn.ConvTranspose2d(state_channels, filters, up_kernel, 2, padding=(up_kernel - 2) // 2)
        self.gate = nn.Conv2d(f_channels + filters, 2 * filters, kernel, padding=pad)
        self.candidate = nn.Conv2d(f_channels + filters, filters, kernel, padding=pad)

    def forward(self, f_enc, state, att_diff):
        s_hat = self.upsample(tile(state, att_diff))
        reset, update = torch.sigmoid(self.gate(torch.cat([f_enc, s_hat], dim=1))).chunk(2, dim=1)
        reset_state = reset * s_hat
        candidate = torch.tanh(self.candidate(torch.cat([f_enc, reset_state], dim=1)))
        return (1 - update) * s_hat + update * candidate, reset_state


class Generator(nn.Module):
    "The 'animegan' generator of a resolved spec: gated encoder, bottleneck + condition, decoder with STU skips, tanh."
    def __init__(self, spec: dict):
        super().__init__()
        from animegan_keras.models import generator_layout
        wanted = dict(gating="encoder", encoder_norm="batch", decoder_norm="batch", encoder_activation="leaky_relu",
                      decoder_activation="relu", skip_type="stu", state_mode="stu", output_form="stgan",
                      condition_mode="difference", inject_input=False, inject_bottleneck=True, stem_kernel_size=0,
                      n_residual=0, output_kernel_size=0)
        other = {k: spec[k] for k, v in wanted.items() if spec[k] != v}
        if other: raise NotImplementedError(f"the twin builds the 'animegan' generator only; this spec differs: {other}")
        layout, k, n = generator_layout(spec), spec["kernel_size"], spec["n_attributes"]
        self.n_skips, self.inject_layers, self.skip_source = spec["n_skips"], spec["inject_layers"], layout["skip_source"]
        self.enc, cin, size = nn.ModuleList(), 3, spec["img_size"]
        for _, width in layout["encoder"]:
            self.enc.append(GatedConv(cin, width, k, 2, size)); cin, size = width, size // 2
        state_ch, cin = cin, cin + n
        self.dec, self.stu = nn.ModuleList(), nn.ModuleList()
        for j, (_, width) in enumerate(layout["decoder"]):
            self.dec.append(DeconvBlock(cin, width, k)); cin = width
            if j < self.n_skips:
                skip_ch = layout["encoder"][self.skip_source[j]][1]
                self.stu.append(STU(skip_ch, state_ch + n, skip_ch, spec["stu_kernel_size"])); state_ch = skip_ch
                cin += skip_ch
            if j < self.inject_layers: cin += n
        self.output = nn.ConvTranspose2d(cin, 3, k, 2, padding=(k - 2) // 2)

    def forward(self, x, condition, training: bool):
        features = []
        for layer in self.enc:
            x = layer(x, training); features.append(x)
        state, x = x, tile(x, condition)
        for j, dec in enumerate(self.dec):
            x = dec(x, training)
            if j < self.n_skips:
                skip, state = self.stu[j](features[self.skip_source[j]], state, condition)
                x = torch.cat([x, skip], dim=1)
            if j < self.inject_layers: x = tile(x, condition)
        return torch.tanh(self.output(x)).float()


class Trunk(nn.Module):
    "The discriminator's and classifier's trunk: n x (conv 4x4/2 'same', norm, leaky ReLU), then flatten (NCHW order)."
    def __init__(self, img_size: int, dim: int, max_dim: int, n_layers: int, kernel: int, norm: str):
        super().__init__()
        self.convs, self.norms, cin, size = nn.ModuleList(), nn.ModuleList(), 3, img_size
        for i in range(n_layers):
            width = min(dim * 2 ** i, max_dim)
            self.convs.append(nn.Conv2d(cin, width, kernel, 2, same_padding(kernel, 2, size), bias=norm == "layer"))
            self.norms.append(LayerNorm(width) if norm == "layer" else BatchNorm(width))
            cin, size = width, size // 2
        self.out_shape = (cin, size, size)   # (C, H, W) before flattening

    def forward(self, x, training: bool):
        for conv, norm in zip(self.convs, self.norms): x = leaky(norm(conv(x), training))
        return x.flatten(1)


class Head(nn.Module):
    "Dense(fc_dim, leaky ReLU), then Dense(units): float32 logits."
    def __init__(self, features: int, fc_dim: int, units: int):
        super().__init__()
        self.fc, self.out = nn.Linear(features, fc_dim), nn.Linear(fc_dim, units)

    def forward(self, x): return self.out(leaky(self.fc(x))).float()


def _trunk_args(img_size, kwargs, norm_default):
    from animegan_keras.models import default_n_layers
    n_layers = kwargs.get("n_layers") or default_n_layers(img_size)
    return (img_size, kwargs.get("dim", 64), kwargs.get("max_dim", 1024), n_layers, kwargs.get("kernel_size", 4),
            kwargs.get("normalization", norm_default))


class Discriminator(nn.Module):
    "build_discriminator with 'layer' normalization: images -> (adv_logits (B, 1), att_logits (B, n))."
    def __init__(self, img_size: int, n_attributes: int, **kwargs):
        super().__init__()
        args = _trunk_args(img_size, kwargs, "layer")
        if args[-1] != "layer" or not kwargs.get("attribute_head", True): raise NotImplementedError(f"twin: {kwargs}")
        self.trunk = Trunk(*args)
        features, fc_dim = int(np.prod(self.trunk.out_shape)), kwargs.get("fc_dim", 1024)
        self.adv_logits, self.att_logits = Head(features, fc_dim, 1), Head(features, fc_dim, n_attributes)

    def forward(self, x, training: bool, attribute_head: bool = True):
        h = self.trunk(x, training)
        return self.adv_logits(h), (self.att_logits(h) if attribute_head else None)


class Classifier(nn.Module):
    "build_classifier with 'batch' normalization: images -> att_logits (B, n)."
    def __init__(self, img_size: int, n_attributes: int, **kwargs):
        super().__init__()
        args = _trunk_args(img_size, kwargs, "batch")
        if args[-1] != "batch": raise NotImplementedError(f"twin: {kwargs}")
        self.trunk = Trunk(*args)
        self.att_logits = Head(int(np.prod(self.trunk.out_shape)), kwargs.get("fc_dim", 1024), n_attributes)

    def forward(self, x, training: bool): return self.att_logits(self.trunk(x, training))


class KerasAdam:
    "keras.optimizers.Adam's update: m += (g - m)(1 - b1); v += (g² - v)(1 - b2); w -= lr·sqrt(1 - b2^t)/(1 - b1^t)·m/(sqrt(v) + eps)."
    def __init__(self, params, lr: float, beta_1: float, beta_2: float, epsilon: float = ADAM_EPSILON):
        self.params, self.lr, self.beta_1, self.beta_2, self.epsilon = list(params), lr, beta_1, beta_2, epsilon
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.iterations = 0

    @torch.no_grad()
    def apply(self, grads):
        self.iterations += 1
        t = self.iterations
        alpha = self.lr * (1 - self.beta_2 ** t) ** 0.5 / (1 - self.beta_1 ** t)
        grads = [torch.zeros_like(p) if g is None else g.float() for g, p in zip(grads, self.params)]
        torch._foreach_add_(self.m, torch._foreach_sub(grads, self.m), alpha=1 - self.beta_1)
        torch._foreach_add_(self.v, torch._foreach_sub(torch._foreach_mul(grads, grads), self.v), alpha=1 - self.beta_2)
        denom = torch._foreach_sqrt(self.v)
        torch._foreach_add_(denom, self.epsilon)
        torch._foreach_addcdiv_(self.params, self.m, denom, value=-alpha)


def condition_vector(att_source, att_target, thres_int: float = 0.5):
    "models.condition_vector, mode 'difference': (b·2 − 1)·t − (a·2 − 1)·t, unknown (NaN) labels read as 0.5."
    a, b = (torch.nan_to_num(t, nan=0.5) for t in (att_source, att_target))
    return (b * 2.0 - 1.0) * thres_int - (a * 2.0 - 1.0) * thres_int


def attribute_loss(labels, logits):
    "gan.attribute_loss: sigmoid cross-entropy summed over the known labels, divided by their count."
    mask = ~torch.isnan(labels)
    per_label = F.binary_cross_entropy_with_logits(logits.float(), torch.where(mask, labels, 0.0), reduction="none")
    weights = mask.float()
    return (per_label * weights).sum() / weights.sum().clamp_min(1.0)


def rolled_targets(att, shift: int):
    "The deterministic stand-in for gan.sample_targets used by the check: the batch's rows rolled by `shift`."
    shuffled = torch.roll(att, shift, dims=0)
    return torch.where(torch.isnan(att) | torch.isnan(shuffled), att, shuffled)


def random_targets(att, shift: int):
    "gan.sample_targets' rule (a random row permutation, unknown stays unknown), for timing."
    shuffled = att[torch.randperm(att.shape[0])]
    return torch.where(torch.isnan(att) | torch.isnan(shuffled), att, shuffled)


class TwinGAN:
    "G, D, C and their optimisers, with AnimeGAN.train_step's algorithm (n_critic 1, loss 'gan', no penalty, C judges)."
    def __init__(self, config, n_attributes: int, targets=random_targets):
        from animegan_keras.models import resolve_generator_spec
        from animegan_keras.losses import resolve_penalty
        checks = dict(n_critic=(config.n_critic, 1), loss=(config.loss, "gan"), part_masks=(config.part_masks, False),
                      attribute_critic=(config.attribute_critic, "classifier"),
                      penalty=(resolve_penalty(config.loss, config.gradient_penalty), None))
        other = {k: v for k, (v, want) in checks.items() if v != want}
        if other: raise NotImplementedError(f"the twin runs the cpu preset's step only; this config differs: {other}")
        self.config, self.targets = config, targets
        self.G = Generator(resolve_generator_spec(config.variant, config.img_size, n_attributes, **config.generator))
        self.D = Discriminator(config.img_size, n_attributes, **config.discriminator)
        self.C = Classifier(config.img_size, n_attributes, **config.classifier)
        adam = lambda net, lr: KerasAdam(net.parameters(), lr, config.beta_1, config.beta_2)
        self.d_opt, self.g_opt, self.c_opt = adam(self.D, config.lr_d), adam(self.G, config.lr_g), adam(self.C, config.lr_c)
        self.autocast = None   # a torch dtype (bfloat16) to run the forward passes under torch.autocast

    def to_memory_format(self, memory_format):
        for net in (self.G, self.D, self.C): net.to(memory_format=memory_format)
        return self

    def _amp(self):
        return torch.autocast("cpu", dtype=self.autocast or torch.bfloat16, enabled=self.autocast is not None)

    def train_step(self, x, att) -> dict:
        "One step on images x (B, 3, S, S) in [-1, 1] and 0/1 attributes att (B, n), NaN where unknown."
        return {**self.d_step(x, att), **self.g_step(x, att)}

    def d_step(self, x, att) -> dict:
        "The D update and the C update of a step (AnimeGAN._d_step)."
        c = self.config
        # D step: fakes from G in training mode (its batch-norm statistics move), no gradient to G
        att_b = self.targets(att, 1)
        with torch.no_grad(), self._amp(): x_b = self.G(x, condition_vector(att, att_b, c.thres_int), training=True)
        with self._amp():
            real_adv, real_att = self.D(x, training=True)
            fake_adv, _ = self.D(x_b, training=True, attribute_head=False)
        d_adv = F.softplus(-real_adv).mean() + F.softplus(fake_adv).mean()
        d_att = attribute_loss(att, real_att)
        d_loss = d_adv + c.lambda_gp * 0.0 + c.lambda_att_d * d_att
        self.d_opt.apply(torch.autograd.grad(d_loss, self.d_opt.params))
        # C step on the real images
        with self._amp(): logits = self.C(x, training=True)
        c_att = attribute_loss(att, logits)
        self.c_opt.apply(torch.autograd.grad(c_att, self.c_opt.params))
        return {name: value.detach() for name, value in {"d/adv": d_adv, "d/att": d_att, "d/loss": d_loss, "c/att": c_att}.items()}

    def g_step(self, x, att) -> dict:
        "The G update of a step (AnimeGAN._g_step): an edit judged by D and (in inference mode) C, and a reconstruction."
        c = self.config
        att_b = self.targets(att, 2)
        edit, keep = condition_vector(att, att_b, c.thres_int), condition_vector(att, att, c.thres_int)
        with self._amp():
            x_b = self.G(x, edit, training=True)
            x_rec = self.G(x, keep, training=True)
            fake_adv, _ = self.D(x_b, training=True, attribute_head=False)
            fake_att = self.C(x_b, training=False)
        g_adv = F.softplus(-fake_adv).mean()
        g_att = attribute_loss(att_b, fake_att)
        g_rec = (x - x_rec).abs().mean()
        g_loss = g_adv + c.lambda_att_g * g_att + c.lambda_rec * g_rec
        self.g_opt.apply(torch.autograd.grad(g_loss, self.g_opt.params))
        return {name: value.detach() for name, value in {"g/adv": g_adv, "g/att": g_att, "g/rec": g_rec, "g/loss": g_loss}.items()}


# ---------------------------------------------------------------- Keras <-> torch weights

def _conv_kernel(k): return np.ascontiguousarray(np.transpose(k, (3, 2, 0, 1)))   # HWIO -> OIHW; (h,w,out,in) -> (in,out,h,w)


def _dense_kernel(k): return np.ascontiguousarray(k.T)


def _flatten_dense_kernel(shape_chw):
    "A Dense kernel after Keras' NHWC Flatten -> torch (out, in) whose inputs are in NCHW flatten order."
    c, h, w = shape_chw
    return lambda k: np.ascontiguousarray(k.reshape(h, w, c, -1).transpose(3, 2, 0, 1).reshape(k.shape[1], c * h * w))


def _same(a): return a


def _bn_pairs(name, layer, module):
    return [(f"{name}/gamma", layer.gamma, module.weight, _same), (f"{name}/beta", layer.beta, module.bias, _same),
            (f"{name}/moving_mean", layer.moving_mean, module.running_mean, _same),
            (f"{name}/moving_variance", layer.moving_variance, module.running_var, _same)]


def _head_pairs(model, head, name, flat):
    return [(f"{name}_fc/kernel", model.get_layer(f"{name}_fc").kernel, head.fc.weight, _flatten_dense_kernel(flat)),
            (f"{name}_fc/bias", model.get_layer(f"{name}_fc").bias, head.fc.bias, _same),
            (f"{name}/kernel", model.get_layer(name).kernel, head.out.weight, _dense_kernel),
            (f"{name}/bias", model.get_layer(name).bias, head.out.bias, _same)]


def _trunk_pairs(model, trunk):
    pairs = []
    for i, (conv, norm) in enumerate(zip(trunk.convs, trunk.norms)):
        layer, norm_layer = model.get_layer(f"conv{i}"), model.get_layer(f"conv{i}_norm")
        pairs.append((f"conv{i}/kernel", layer.kernel, conv.weight, _conv_kernel))
        if conv.bias is not None: pairs.append((f"conv{i}/bias", layer.bias, conv.bias, _same))
        if isinstance(norm, BatchNorm): pairs += _bn_pairs(f"conv{i}_norm", norm_layer, norm)
        else: pairs += [(f"conv{i}_norm/gamma", norm_layer.gamma, norm.weight, _same),
                        (f"conv{i}_norm/beta", norm_layer.beta, norm.bias, _same)]
    return pairs


def weight_pairs(gan, twin: TwinGAN) -> dict:
    "network -> [(name, keras variable, torch tensor, keras->torch layout conversion)] covering every weight of both."
    g, G = gan.generator, twin.G
    gp = []
    for i, enc in enumerate(G.enc):
        layer = g.get_layer(f"enc{i}")
        gp += [(f"enc{i}/kernel", layer.kernel, enc.conv.weight, _conv_kernel), (f"enc{i}/bias", layer.bias, enc.bias, _same)]
        gp += _bn_pairs(f"enc{i}/feature_norm", layer.norm, enc.norm)
    for j, dec in enumerate(G.dec):
        gp.append((f"dec{j}/kernel", g.get_layer(f"dec{j}").kernel, dec.conv.weight, _conv_kernel))
        gp += _bn_pairs(f"dec{j}_norm", g.get_layer(f"dec{j}_norm"), dec.norm)
    for j, stu in enumerate(G.stu):
        layer = g.get_layer(f"stu{j}")
        gp += [(f"stu{j}/upsample_kernel", layer.upsample_kernel, stu.upsample.weight, _conv_kernel),
               (f"stu{j}/upsample_bias", layer.upsample_bias, stu.upsample.bias, _same),
               (f"stu{j}/gate_kernel", layer.gate_kernel, stu.gate.weight, _conv_kernel),
               (f"stu{j}/gate_bias", layer.gate_bias, stu.gate.bias, _same),
               (f"stu{j}/candidate_kernel", layer.candidate_kernel, stu.candidate.weight, _conv_kernel),
               (f"stu{j}/candidate_bias", layer.candidate_bias, stu.candidate.bias, _same)]
    gp += [("output/kernel", g.get_layer("output").kernel, G.output.weight, _conv_kernel),
           ("output/bias", g.get_layer("output").bias, G.output.bias, _same)]
    d, D, c, C = gan.discriminator, twin.D, gan.classifier, twin.C
    dp = _trunk_pairs(d, D.trunk) + _head_pairs(d, D.adv_logits, "adv_logits", D.trunk.out_shape) + \
        _head_pairs(d, D.att_logits, "att_logits", D.trunk.out_shape)
    cp = _trunk_pairs(c, C.trunk) + _head_pairs(c, C.att_logits, "att_logits", C.trunk.out_shape)
    pairs = {"G": gp, "D": dp, "C": cp}
    for (net, ps), model, module in zip(pairs.items(), (g, d, c), (G, D, C)):   # every weight paired, once
        k_ids, t_ids = {id(v) for _, v, _, _ in ps}, {id(t) for _, _, t, _ in ps}
        missing_k = [v.path for v in model.weights if id(v) not in k_ids]
        missing_t = [n for n, t in [*module.named_parameters(), *module.named_buffers()] if id(t) not in t_ids]
        if missing_k or missing_t or len(k_ids) != len(ps) or len(t_ids) != len(ps):
            raise AssertionError(f"{net}: unpaired weights: keras {missing_k}, torch {missing_t}")
        for name, v, t, convert in ps:
            if tuple(convert(np.zeros(v.shape, "float32")).shape) != tuple(t.shape):
                raise AssertionError(f"{net} {name}: keras {tuple(v.shape)} does not convert to torch {tuple(t.shape)}")
    return pairs


def copy_weights(pairs: dict):
    "Keras -> torch, every pair."
    with torch.no_grad():
        for ps in pairs.values():
            for _, v, t, convert in ps: t.copy_(torch.from_numpy(convert(np.asarray(v.numpy(), "float32"))))


def keras_in_torch_layout(pairs: dict) -> dict:
    return {net: {name: torch.from_numpy(convert(np.asarray(v.numpy(), "float32"))) for name, v, _, convert in ps}
            for net, ps in pairs.items()}


# ---------------------------------------------------------------- the check

def build_keras_gan(config=None):
    "The cpu preset's compiled AnimeGAN, built as train.py builds it; its config; the attribute schema."
    from animegan_keras.core import AttributeSchema
    from animegan_keras.train import TrainConfig, build_gan
    config = config or TrainConfig.preset("cpu", jit_compile=False)
    schema = AttributeSchema()
    return build_gan(config, schema), config, schema


def _nchw(a): return torch.from_numpy(np.ascontiguousarray(np.transpose(np.asarray(a, "float32"), (0, 3, 1, 2))))


def _nhwc(t): return t.detach().permute(0, 2, 3, 1).numpy()


def _perturb(gan, seed: int):
    "Non-trivial biases, gammas, betas and moving statistics (zeros and ones would hide a misplaced bias or statistic)."
    rng = np.random.default_rng(seed)
    for model in (gan.generator, gan.discriminator, gan.classifier):
        for v in model.weights:
            leaf, shape = v.path.rsplit("/", 1)[-1], tuple(v.shape)
            if leaf == "moving_variance": v.assign(rng.uniform(0.5, 1.5, shape).astype("float32"))
            elif leaf == "gamma": v.assign((1 + 0.2 * rng.standard_normal(shape)).astype("float32"))
            elif leaf.endswith("bias") or leaf in ("beta", "moving_mean"): v.assign((0.1 * rng.standard_normal(shape)).astype("float32"))


class rolled_keras_targets:
    "Within the block, gan.sample_targets rolls the batch's rows by `shift` (set it to 1 for a D step, 2 for a G step), as TwinGAN with rolled_targets."
    def __init__(self):
        self.shift, self.calls = 1, 0

    def __enter__(self):
        from keras import ops
        import animegan_keras.gan as kgan
        def rolled(att_a, seed=None):
            self.calls += 1
            att_a = ops.cast(att_a, "float32")
            shuffled = ops.roll(att_a, self.shift, axis=0)
            return ops.where(ops.isnan(att_a) | ops.isnan(shuffled), att_a, shuffled)
        self.module, self.original = kgan, kgan.sample_targets
        kgan.sample_targets = rolled
        return self

    def __exit__(self, *exc): self.module.sample_targets = self.original


NETS = ("generator", "discriminator", "classifier")


def _keras_step(gan, x, att, after_d_step=None):
    """The two phases of the Keras step (AnimeGAN.train_step with n_critic 1, eager) with rolled targets; before the G
    phase, D and C take the weights `after_d_step` when given. Returns (D and C weights after the D phase, G's after the G phase)."""
    from keras import ops
    kx, katt = ops.convert_to_tensor(x), ops.cast(ops.convert_to_tensor(att), "float32")
    with rolled_keras_targets() as targets:
        gan._d_step(kx, katt)
        dc = [gan.discriminator.get_weights(), gan.classifier.get_weights()]
        if after_d_step is not None:
            gan.discriminator.set_weights(after_d_step[0]); gan.classifier.set_weights(after_d_step[1])
        targets.shift = 2
        gan._g_step(kx, katt)
    if targets.calls != 2: raise AssertionError(f"the patched sample_targets ran {targets.calls} times in one Keras step, not 2")
    return dc, gan.generator.get_weights()


def _save_arrays(path, groups):   # a list of lists of arrays -> one .npz
    np.savez(path, **{f"{i}_{j}": a for i, group in enumerate(groups) for j, a in enumerate(group)})


def _load_arrays(path):
    z = np.load(path)
    groups = {}
    for key in sorted(z.files, key=lambda k: tuple(int(p) for p in k.split("_"))):
        i, _ = key.split("_"); groups.setdefault(int(i), []).append(z[key])
    return [groups[i] for i in sorted(groups)]


def eigen_child(folder: str):
    """Run in a process whose TF_ENABLE_ONEDNN_OPTS is the other way from the checking process's: the Keras step of
    `folder`/draw.npz from its start weights, D and C set to the main process's D-phase result before the G phase."""
    folder = Path(folder)
    gan = build_keras_gan()[0]
    start, draw, after_d = (_load_arrays(folder / f) for f in ("start.npz", "draw.npz", "after_d.npz"))
    x, att = draw[0]
    for name, weights in zip(NETS, start): getattr(gan, name).set_weights(weights)
    dc, g = _keras_step(gan, x, att, after_d)
    _save_arrays(folder / "eigen.npz", [*dc, g])


def _eigen_step(start, x, att, after_d):
    "The same Keras step computed on TensorFlow's other CPU kernels in a child process: (D and C weights after the D phase, G's after the G phase)."
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _save_arrays(folder / "start.npz", start); _save_arrays(folder / "draw.npz", [[x, att]]); _save_arrays(folder / "after_d.npz", after_d)
        other = "1" if os.environ.get("TF_ENABLE_ONEDNN_OPTS") == "0" else "0"   # the kernels this process does not use
        env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS=other, TF_CPP_MIN_LOG_LEVEL="2")
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--eigen-child", tmp], env=env, capture_output=True, text=True)
        if done.returncode != 0: raise RuntimeError(f"the Eigen-kernel Keras step failed:\n{done.stderr[-3000:]}")
        d, c, g = _load_arrays(folder / "eigen.npz")
    return [d, c], g


def check_twin(batch: int = 8, seed: int = 0, tol: float = 1e-4, weight_rtol: float = 1e-4, update_rtol: float = 1e-3,
               max_apart: float = 1e-3, floor_factor: float = 4.0, strict: bool = True) -> dict:
    """Check the twin against the Keras step: (a) parameter counts; (b) forward outputs of G, D (both heads) and C in
    training and inference mode; (c) one train step from identical weights and draws, in its two phases (the D and C
    updates, then the G update): losses and every updated weight, held against fixed limits or, where Keras' step is
    itself that sensitive, against its own noise floor.
    Fixed limits: outputs `tol` (max abs); losses `tol`·max(1, |loss|); each network's updated kernels, vectors (biases,
    gammas, betas) and moving statistics `weight_rtol` (norm of the difference / norm of the weights) and, since one
    Adam step moves a weight by about 1e-3 of itself, `update_rtol` of the update (Keras' new − old weights). The weight
    rows set apart the elements whose two updates differ by more than half of Keras' update (at most `max_apart` of a
    group; a wrong rule moves far more) and compare the rest.
    The noise floor is another float32 computation of the same Keras step, measured in the same run: from the same
    weights and draws, on TensorFlow's other CPU kernels (a child process with oneDNN switched the other way by
    TF_ENABLE_ONEDNN_OPTS: Eigen's kernels when this process uses oneDNN's, as by default), which sum in other orders
    and may use other algorithms, as the twin's kernels do. At some draws this moves G's update by 0.26% to 0.97% of
    its norm, at others by 0.006% or less (six draws, `--check-draws`). A likely mechanism, not measured: Adam's first step divides each gradient element by
    its own magnitude, which turns rounding-level differences in small or nearly cancelling gradient elements into
    large parts of a step (a ReLU input within rounding of zero, which takes the other slope, is one candidate source
    of such differences). TensorFlow's two kernel libraries disagree as much as the twin does at the draws where the twin
    disagrees most (`--check-draws`). Each limit is the larger of the fixed one and `floor_factor` times the floor,
    so at a draw where the floor is small the fixed limits hold. The G update is compared after Keras' updated D and C
    are copied into the twin and the floor's step, so that it does not inherit the D update's
    differences. Prints a table of differences and the floors; raises AssertionError naming what differs beyond its limit
    (with `strict` False, returns the failures instead). Returns the draw, every row, the floors and the failures."""
    from animegan_keras.train import sample_attributes_like
    torch.manual_seed(seed)
    gan, config, schema = build_keras_gan()
    n = len(schema)
    twin = TwinGAN(config, n, targets=rolled_targets)
    pairs = weight_pairs(gan, twin)
    failures, rows = [], []

    def row(what, diff, scale, limit, kind="abs"):
        ok = diff <= limit
        rows.append((what, diff, scale, limit, kind, ok))
        if not ok: failures.append(f"{what}: {kind} difference {diff:.3g} > {limit:.3g}")

    # (a) parameter counts
    print("(a) parameter counts (Keras trainable / non-trainable vs torch parameters / buffers)")
    for net, model, module in (("G", gan.generator, twin.G), ("D", gan.discriminator, twin.D), ("C", gan.classifier, twin.C)):
        kt = sum(int(np.prod(v.shape)) for v in model.trainable_weights)
        kn = sum(int(np.prod(v.shape)) for v in model.non_trainable_weights)
        tt, tn = sum(p.numel() for p in module.parameters()), sum(b.numel() for b in module.buffers())
        print(f"    {net}: keras {kt:,} / {kn:,}   torch {tt:,} / {tn:,}   {'equal' if (kt, kn) == (tt, tn) else 'DIFFERENT'}")
        if (kt, kn) != (tt, tn): failures.append(f"{net} parameter counts: keras {kt}/{kn}, torch {tt}/{tn}")

    _perturb(gan, seed)
    copy_weights(pairs)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (batch, config.img_size, config.img_size, 3)).astype("float32")
    att = np.stack([sample_attributes_like(schema, rng) for _ in range(batch)])
    att[rng.random(att.shape) < 0.1] = np.nan   # unknown labels, as real data has
    cond = rng.choice([-1.0, 0.0, 1.0], (batch, n)).astype("float32")
    xt, condt, attt = _nchw(x), torch.from_numpy(cond), torch.from_numpy(att)

    # (b) forward passes; inference first: training mode moves the batch-norm statistics (on both sides alike)
    with torch.no_grad():
        for training in (False, True):
            mode = "train" if training else "infer"
            kg = gan.generator([x, cond], training=training)
            row(f"forward G ({mode})", float(np.abs(np.asarray(kg) - _nhwc(twin.G(xt, condt, training))).max()), 1.0, tol)
            kadv, katt = gan.discriminator(x, training=training)
            tadv, tatt = twin.D(xt, training)
            row(f"forward D adv head ({mode})", float(np.abs(np.asarray(kadv) - tadv.numpy()).max()), 1.0, tol)
            row(f"forward D att head ({mode})", float(np.abs(np.asarray(katt) - tatt.numpy()).max()), 1.0, tol)
            kc = gan.classifier(x, training=training)
            row(f"forward C ({mode})", float(np.abs(np.asarray(kc) - twin.C(xt, training).numpy()).max()), 1.0, tol)
    ref = keras_in_torch_layout(pairs)
    for net, ps in pairs.items():   # after one training-mode call each: the moving statistics moved alike
        moved = [(name, t) for name, v, t, _ in ps if "moving" in name]
        if moved: row(f"moving stats of {net} after the train-mode forward", max(float((ref[net][name] - t).abs().max()) for name, t in moved), 1.0, tol)

    # (c) one train step from identical weights, with the same deterministic targets on every side, in its two phases:
    # the D and C updates, then the G update after Keras' updated D and C are copied into the twin (and the floor's
    # steps), so that the G update is compared on its own and not through the rounding of D's update
    copy_weights(pairs)
    start = [getattr(gan, name).get_weights() for name in NETS]
    before = keras_in_torch_layout(pairs)
    holder_gan = build_keras_gan(config)[0]   # holds the floor's weights, to read them in torch's layout
    holder = weight_pairs(holder_gan, twin)   # read only (keras_in_torch_layout): the twin keeps its own weights

    def in_torch_layout(dc, g):   # the floor's D and C after its D phase, G after its G phase
        holder_gan.discriminator.set_weights(dc[0]); holder_gan.classifier.set_weights(dc[1]); holder_gan.generator.set_weights(g)
        return keras_in_torch_layout(holder)

    dc_keras, _ = _keras_step(gan, x, att)   # D and C after the D phase (the G phase leaves them), G after the G phase
    after = keras_in_torch_layout(pairs)
    losses = twin.d_step(xt, attt)   # from the start weights, which copy_weights set above
    twin_now = {net: {name: t.detach().clone() for name, _, t, _ in pairs[net]} for net in ("D", "C")}
    copy_weights({net: pairs[net] for net in ("D", "C")})   # Keras' D and C after its D phase
    losses.update(twin.g_step(xt, attt))
    twin_now["G"] = {name: t.detach().clone() for name, _, t, _ in pairs["G"]}

    floor = in_torch_layout(*_eigen_step(start, x, att, dc_keras))
    logs = gan._logs(gan.trackers)

    def difference(net, names, other, after):
        "Set-apart count, max abs, relative-to-weights and relative-to-update differences of `other` from Keras' `after`."
        kw = torch.cat([after[net][name].flatten() for name in names])
        tw = torch.cat([other[net][name].flatten() for name in names])
        k0 = torch.cat([before[net][name].flatten() for name in names])
        apart = torch.zeros_like(kw, dtype=torch.bool) if "moving" in names[0] else (kw - tw).abs() > 0.5 * (kw - k0).abs()
        kw, tw, k0 = kw[~apart], tw[~apart], k0[~apart]
        return dict(apart=int(apart.sum()), size=apart.numel(), max_abs=float((kw - tw).abs().max()),
                    weights=(kw - tw).norm().item() / kw.norm().item(), update=(kw - tw).norm().item() / max((kw - k0).norm().item(), 1e-30))

    floor_rows = []
    for net in ("D", "C", "G"):
        groups = {}
        for name, _, t, _ in pairs[net]:
            kind = ("moving stats" if "moving" in name else "biases/gammas/betas" if t.dim() == 1 else "kernels")
            groups.setdefault(kind, []).append(name)
        for kind, names in groups.items():
            d = difference(net, names, twin_now, after)
            f = difference(net, names, floor, after)
            floor_rows.append((f"{net} {kind}", f))
            left_out = ""
            if kind != "moving stats":   # trained weights: set apart the steps that went another way (see the docstring)
                allowed = max(max_apart, floor_factor * f["apart"] / d["size"])
                if d["apart"] > allowed * d["size"]:
                    failures.append(f"{net} {kind}: {d['apart']} of {d['size']} steps went another way (limit {allowed:.1e} of them)")
                left_out = f", {d['apart']} of {d['size']} set apart"
            row(f"updated {net} {kind} (max abs {d['max_abs']:.2g}{left_out})", d["weights"], 1.0,
                max(weight_rtol, floor_factor * f["weights"]), "rel. to weights")
            row(f"  {net} {kind}: relative to the update", d["update"], 1.0, max(update_rtol, floor_factor * f["update"]), "rel. to update")
    for name, value in losses.items():
        k = float(logs[name])
        row(f"loss {name} = {k:.6g}", abs(k - float(value)), abs(k), tol * max(1.0, abs(k)), "abs")

    print(f"\n{'what':<56} {'difference':>11} {'limit':>9}  ok")
    for what, diff, _, limit, kind, ok in rows:
        print(f"{what:<56} {diff:>11.3g} {limit:>9.2g}  {'yes' if ok else 'NO'}  ({kind})")
    print("\nnoise floor: the Keras step on TensorFlow's other CPU kernels, against the Keras step")
    for what, f in floor_rows:
        print(f"    {what:<28} set apart {f['apart']:>5} of {f['size']:>9,}   rel. to update {f['update']:.2g}")
    if failures and strict: raise AssertionError("the torch twin differs from the Keras step: " + "; ".join(failures))
    print("\nthe twin is exact: every difference within its limit" if not failures else "\nthe twin differs: " + "; ".join(failures))
    return {"batch": batch, "seed": seed, "floor_factor": floor_factor, "passed": not failures, "failures": failures,
            "rows": [{"what": what.strip(), "difference": diff, "limit": limit, "kind": kind, "ok": ok} for what, diff, _, limit, kind, ok in rows],
            "floors": dict(floor_rows)}


DRAWS = ((8, 0), (8, 2), (8, 4), (4, 0), (4, 3), (4, 5))   # (batch, seed): the benchmark's draw first
RESULT = Path(__file__).resolve().parent.parent / "nbs" / "results" / "twin_check.json"


def check_draws(draws=DRAWS, out: Path = RESULT) -> dict:
    "check_twin at each draw, not stopping at a failure; writes every row and floor to `out` (nbs/results/twin_check.json)."
    from datetime import datetime, timezone
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from benchmark import cpu_description
    results = []
    for batch, seed in draws:
        print(f"\n=== batch {batch}, seed {seed}", flush=True)
        results.append(check_twin(batch=batch, seed=seed, strict=False))
    record = {"command": "python tools/torch_twin.py --check-draws", "torch": torch.__version__, "cpu": cpu_description(),
              "measured": datetime.now(timezone.utc).isoformat(timespec="minutes"), "draws": results}
    out.write_text(json.dumps(record, indent=1))
    print(f"\nwritten: {out}; passed at {sum(r['passed'] for r in results)} of {len(results)} draws")
    return record


# ---------------------------------------------------------------- timing

def time_twin(precision: str = "float32", channels_last: bool = False, steps: int = 5, warmup: int = 2) -> float:
    "Seconds per train step of the torch twin of the cpu preset, on a random batch of 32 at 64 px (eager PyTorch)."
    from animegan_keras.core import AttributeSchema
    from animegan_keras.train import TrainConfig, random_train_batch
    if precision not in ("float32", "bfloat16"): raise ValueError(f"precision must be 'float32' or 'bfloat16'. Received: {precision!r}")
    torch.set_num_threads(cores())
    config, schema = TrainConfig.preset("cpu", jit_compile=False), AttributeSchema()
    twin = TwinGAN(config, len(schema))
    twin.autocast = torch.bfloat16 if precision == "bfloat16" else None
    x, att = random_train_batch(config, schema)   # the batch the Keras step is timed on
    x, att = _nchw(x.numpy()), torch.from_numpy(att.numpy())
    if channels_last:
        twin.to_memory_format(torch.channels_last); x = x.contiguous(memory_format=torch.channels_last)
    for _ in range(warmup): float(twin.train_step(x, att)["g/loss"])
    start = time.perf_counter()
    for _ in range(steps): float(twin.train_step(x, att)["g/loss"])   # float(): the step has finished
    return (time.perf_counter() - start) / steps


def time_settings(steps: int = 5, warmup: int = 2, repeats: int = 2):
    "The twin and the Keras step (no XLA) in float32 and bfloat16, interleaved: (median seconds per setting, every round's seconds)."
    import keras
    from animegan_keras.bench import benchmark_train_step
    from animegan_keras.train import TrainConfig, precision_policy
    settings = {"torch twin float32": ("torch", "float32", False), "keras float32, no XLA": ("keras", "float32", False),
                "torch twin bfloat16, channels_last": ("torch", "bfloat16", True),
                "keras bfloat16, no XLA": ("keras", "bfloat16", False)}
    times = {name: [] for name in settings}
    load, policy = os.getloadavg()[0], os.environ.get("OMP_WAIT_POLICY", "unset")
    print(f"{cores()} cores; torch {torch.__version__} with {cores()} threads, OMP_WAIT_POLICY {policy}; load average {load:.1f}; "
          f"{steps} steps after {warmup} warm-up, {repeats} repeats")
    if load > 0.5 and policy.upper() != "PASSIVE":
        print("warning: something else is running. torch's OpenMP threads spin while they wait for a descheduled one, so "
              "under contention the twin can run 10x slower than with one thread (seen: 11.9 s vs 1.0 s per step on 2 "
              "busy cores); time on an idle machine, or set OMP_WAIT_POLICY=PASSIVE before Python starts")
    try:
        for _ in range(repeats):
            for name, (side, precision, channels_last) in settings.items():
                if side == "torch": t = time_twin(precision, channels_last, steps, warmup)
                else:
                    keras.mixed_precision.set_global_policy(precision_policy(precision)[0])
                    config = TrainConfig.preset("cpu", jit_compile=False, mixed_precision=precision)
                    t = benchmark_train_step(config, steps=steps, warmup=warmup, flops=False)["step_s"]
                    keras.mixed_precision.set_global_policy("float32")
                times[name].append(t)
                print(f"  {name}: {t * 1e3:.0f} ms/step", flush=True)
    finally: keras.mixed_precision.set_global_policy("float32")
    median = {name: statistics.median(ts) for name, ts in times.items()}
    print()
    for name, t in median.items(): print(f"{name}: {t * 1e3:.0f} ms/step (runs {'/'.join(f'{v * 1e3:.0f}' for v in times[name])})")
    for precision, twin_name in (("float32", "torch twin float32"), ("bfloat16", "torch twin bfloat16, channels_last")):
        keras_name = f"keras {precision}, no XLA"
        print(f"{precision}: Keras is {median[twin_name] / median[keras_name]:.2f}x as fast as the torch twin")
    return median, times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="prove the twin exact (forward outputs, one train step)")
    parser.add_argument("--time", action="store_true", help="ms/step of the twin and of the Keras step, interleaved")
    parser.add_argument("--eigen-child", metavar="DIR", help=argparse.SUPPRESS)   # check_twin's floor, in a child process
    parser.add_argument("--check-draws", action="store_true", help="the check at six draws, written to nbs/results/twin_check.json")
    parser.add_argument("--batch", type=int, default=8, help="--check: batch size (default 8)")
    parser.add_argument("--steps", type=int, default=5, help="--time: timed steps per measurement (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="--time: untimed steps first (default 2)")
    parser.add_argument("--repeats", type=int, default=2, help="--time: rounds over the settings (default 2)")
    args = parser.parse_args(argv)
    if not (args.check or args.time or args.eigen_child or args.check_draws): parser.error("give --check, --check-draws, --time or both")
    if args.eigen_child: return eigen_child(args.eigen_child)
    if args.check_draws: check_draws()
    if args.check: check_twin(batch=args.batch)
    if args.time: time_settings(args.steps, args.warmup, args.repeats)


if __name__ == "__main__":
    main()

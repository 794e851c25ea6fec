// Sparse FFN value with the residual add (spec §3.5; lossless skip of spec §9.4): x[c] += sum over active
// neurons f of h[f] * Vt[f][c], where h = relu(K x)^2 came from the FFN key matvec together with a bitmask of
// its non-zero entries, and Vt is ffn.value stored transposed ([F, C] fp16, one contiguous row per neuron, split
// into up to 4 row pieces bound at once).
// Workgroup (s, p) takes column slice s (SW = 64/128/256 columns: whole 128..512-byte row segments) and neuron
// partition p (PS neurons). It lists the set mask bits of its partition in ascending order (popcount prefix sum in
// shared memory), then thread (g, l) = (t / TPR, t % TPR) reads 16 bytes (8 columns) of every RPR-th listed row,
// UNROLL rows in flight, and the RPR group sums meet in a fixed tree. With P > 1 partitions each workgroup writes
// its partial sums; the last workgroup of a slice to finish (atomic ticket) adds the P partials in partition order
// into x. The summation order depends only on the mask: the same result on any device and subgroup size.
// Workgroups of slice 0 add their active counts to counter[1] (Model::ffn_activity).
// int8 models (#define I8: ffn_value_i8.comp): Vt holds int8 rows with one fp32 scale per neuron (binding 8), a
// thread reads 8 bytes (8 columns, two uint words on every device: no 8-bit storage needed) of a row, unpacks them by
// i8_word_f and multiplies them by h[f] * scale[f].
// Host: engine/src/vulkan/ffn_value.cpp. Body of ffn_value.comp, ffn_value_i8.comp.
#define WG 256
#define MAX_PS 4096
#define UNROLL 8
layout(local_size_x = WG) in;

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Mask { uint mask[]; };
layout(std430, binding = 2) buffer Counter { uint counter[]; };
#ifdef I8
#include "i8_words.glsl"
// 8-byte row segments (two words, 8 columns) in both variants, unpacked by i8_word_f (no int-to-float conversions).
layout(std430, binding = 3) restrict readonly buffer V0 { uvec2 vt0[]; };
layout(std430, binding = 4) restrict readonly buffer V1 { uvec2 vt1[]; };
layout(std430, binding = 5) restrict readonly buffer V2 { uvec2 vt2[]; };
layout(std430, binding = 6) restrict readonly buffer V3 { uvec2 vt3[]; };
layout(std430, binding = 8) restrict readonly buffer Scales { float scales[]; };
#else
layout(std430, binding = 3) restrict readonly buffer V0 { uvec4 vt0[]; };
layout(std430, binding = 4) restrict readonly buffer V1 { uvec4 vt1[]; };
layout(std430, binding = 5) restrict readonly buffer V2 { uvec4 vt2[]; };
layout(std430, binding = 6) restrict readonly buffer V3 { uvec4 vt3[]; };
#endif
layout(std430, binding = 7) coherent buffer Partial { uint tickets[256]; float partial[]; };  // [P][C] after tickets

layout(push_constant) uniform Push {
    uint C;         // multiple of SW
    uint h_off;     // h[f] at act[h_off + f] (f counted over the whole matrix)
    uint y_off;     // x at act[y_off ..], added into
    uint mask_off;  // bit f at mask[mask_off + f / 32]
    uint f_begin, f_end;  // neurons of this dispatch = the rows of its pieces
    uint p1, p2, p3;      // first neuron of pieces 1..3 (0xffffffff when absent); piece 0 starts at f_begin
    uint count;           // 1: add the number of active neurons to counter[1]
    uint SW;              // columns per slice: 64, 128 or 256
    uint PS;              // neurons per partition, a multiple of 32, <= MAX_PS
    uint P;               // partitions
    uint scale_off;       // I8: scale of neuron f at scales[scale_off + f]
} pc;

shared uint s_scan[WG];
shared uint s_list[MAX_PS];
shared vec4 s_red[2 * WG];
shared uint s_last;

#ifdef I8
#define ROW_T uvec2
uvec2 load_row(uint f, uint i) {  // 8 bytes (8 columns, chunk i) of neuron f: two words
    const uint n = pc.C / 8;
    if (f < pc.p1) return vt0[(f - pc.f_begin) * n + i];
    if (f < pc.p2) return vt1[(f - pc.p1) * n + i];
    if (f < pc.p3) return vt2[(f - pc.p2) * n + i];
    return vt3[(f - pc.p3) * n + i];
}
// x += h[f] * scale[f] * (8 int8 values)
#define ROW_H(f) (act[pc.h_off + f] * scales[pc.scale_off + f])
#define ROW_LO(q) i8_word_f(q.x)
#define ROW_HI(q) i8_word_f(q.y)
#else
#define ROW_T uvec4
uvec4 load_row(uint f, uint i) {  // 16 bytes (8 columns, chunk i) of neuron f
    const uint n = pc.C / 8;
    if (f < pc.p1) return vt0[(f - pc.f_begin) * n + i];
    if (f < pc.p2) return vt1[(f - pc.p1) * n + i];
    if (f < pc.p3) return vt2[(f - pc.p2) * n + i];
    return vt3[(f - pc.p3) * n + i];
}
#define ROW_H(f) act[pc.h_off + f]
#define ROW_LO(q) vec4(unpackHalf2x16(q.x), unpackHalf2x16(q.y))
#define ROW_HI(q) vec4(unpackHalf2x16(q.z), unpackHalf2x16(q.w))
#endif

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint slice = gl_WorkGroupID.x, part = gl_WorkGroupID.y;
    const uint f0 = pc.f_begin + part * pc.PS, f1 = min(pc.f_end, f0 + pc.PS);
    const uint w0 = f0 / 32, nw = (f1 + 31) / 32 - w0;  // <= PS / 32 + 1 <= WG

    // List the partition's active neurons: one mask word per thread, prefix sum of the popcounts.
    uint bits = 0u;
    if (t < nw) {
        const uint w = w0 + t;
        bits = mask[pc.mask_off + w];
        if (w * 32 < f0) bits &= ~0u << (f0 - w * 32);
        if (w * 32 + 32 > f1) bits &= (1u << (f1 - w * 32)) - 1u;
    }
    const uint cnt = bitCount(bits);
    s_scan[t] = cnt;
    barrier();
    for (uint st = 1; st < nw; st <<= 1) {
        const uint add = t >= st ? s_scan[t - st] : 0u;
        barrier();
        s_scan[t] += add;
        barrier();
    }
    const uint total = s_scan[nw - 1];
    uint pos = s_scan[t] - cnt;
    while (bits != 0u) {
        s_list[pos++] = (w0 + t) * 32 + findLSB(bits);
        bits &= bits - 1u;
    }
    if (pc.count == 1u && slice == 0 && t == 0) atomicAdd(counter[1], total);
    barrier();

    const uint TPR = pc.SW / 8, RPR = WG / TPR;
    const uint g = t / TPR, l = t % TPR;
    const uint chunk = slice * TPR + l;  // 8-column chunk of this thread
    vec4 acc0 = vec4(0.0), acc1 = vec4(0.0);
    for (uint e0 = g; e0 < total; e0 += RPR * UNROLL) {
        ROW_T q[UNROLL];
        float hv[UNROLL];
        [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
            const uint e = e0 + RPR * u;
            const uint f = s_list[min(e, total - 1)];
            q[u] = load_row(f, chunk);
            hv[u] = e < total ? ROW_H(f) : 0.0;
        }
        [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
            acc0 += hv[u] * ROW_LO(q[u]);
            acc1 += hv[u] * ROW_HI(q[u]);
        }
    }

    // Tree over the RPR row groups, fixed order; s_red[g * TPR * 2 + l * 2 + half].
    s_red[t * 2] = acc0;
    s_red[t * 2 + 1] = acc1;
    barrier();
    for (uint st = RPR / 2; st > 0; st >>= 1) {
        if (g < st) {
            s_red[t * 2] += s_red[(t + st * TPR) * 2];
            s_red[t * 2 + 1] += s_red[(t + st * TPR) * 2 + 1];
        }
        barrier();
    }
    const uint c = chunk * 8;
    if (pc.P == 1u) {
        if (g == 0) {
            [[unroll]] for (uint e = 0; e < 4; ++e) {
                act[pc.y_off + c + e] += s_red[l * 2][e];
                act[pc.y_off + c + 4 + e] += s_red[l * 2 + 1][e];
            }
        }
        return;
    }
    if (g == 0) {
        [[unroll]] for (uint e = 0; e < 4; ++e) {
            partial[part * pc.C + c + e] = s_red[l * 2][e];
            partial[part * pc.C + c + 4 + e] = s_red[l * 2 + 1][e];
        }
    }
    memoryBarrierBuffer();
    barrier();
    if (t == 0) s_last = atomicAdd(tickets[slice], 1u) == pc.P - 1 ? 1u : 0u;
    barrier();
    if (s_last == 0u) return;
    memoryBarrierBuffer();
    // The last workgroup of this slice: x += sum of the P partials, partition order.
    for (uint i = t; i < pc.SW; i += WG) {
        const uint cc = slice * pc.SW + i;
        float s = 0.0;
        for (uint p = 0; p < pc.P; ++p) s += partial[p * pc.C + cc];
        act[pc.y_off + cc] += s;
    }
    if (t == 0) tickets[slice] = 0u;  // ready for the next layer's dispatch
}

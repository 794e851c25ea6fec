// Where the rows-path shaders find a sequence's state (engine/src/vulkan/vk_rows.cpp). Default: the working state
// buffer bound at binding 2 (STATE_T elements), sequence s at float s * seq_stride (the states are copied into it
// before the call and back after). STATE_BDA (the *_bda.comp variants, devices with bufferDeviceAddress): each
// sequence's own state buffer through its device address, read from the row tables at io[seq_stride + 2 s] (low,
// high word) — no copies. Include after the Io block and the push constants; STATE_T, STATE_QUAL set by the body.
// STATE_OPEN(seq) declares `st` for the sequence; then STATE(i) is element i (in STATE_T units) of its state.
// STATE_PRESENT(seq): false only for a padding sequence by address (no state buffer; address 0).
// STATE_ALIGN: the bytes a StateRef element is aligned to (default 16: vec4; 8 for the fp16 WKV state's f16vec4).
#ifndef STATE_ALIGN
#define STATE_ALIGN 16
#endif
#ifdef STATE_BDA
layout(buffer_reference, std430, buffer_reference_align = STATE_ALIGN) STATE_QUAL buffer StateRef { STATE_T v[]; };
#define STATE_OPEN(seq) StateRef st = StateRef(uvec2(io[pc.seq_stride + 2u * (seq)], io[pc.seq_stride + 2u * (seq) + 1u])); \
                        const uint st_base = 0u
#define STATE(i) st.v[i]
#define STATE_PRESENT(seq) (io[pc.seq_stride + 2u * (seq)] != 0u || io[pc.seq_stride + 2u * (seq) + 1u] != 0u)
#else
layout(std430, binding = 2) STATE_QUAL buffer State { STATE_T state_arr[]; };
#define STATE_OPEN(seq) const uint st_base = (seq) * pc.seq_stride / (STATE_UNIT)
#define STATE(i) state_arr[i]
#define STATE_PRESENT(seq) true
#endif

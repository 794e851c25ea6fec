// The per-row finish of matvec.comp, matvec_i8.glsl and matvec_wide.glsl: s, the row's reduced sum (int8: already
// times the row's scale), goes through act_out (1: relu², the FFN key, spec §3.5), is added to y when accumulating
// (residual) and stored at y[out_off + row]; mask_mode 1 sets bit (row_base + row) of mask[mask_off ..] when the
// result is non-zero, 2 sets it for every row (dense FFN value), 0 writes no mask. Include after the push constants
// (act_out, accumulate, out_off, mask_mode, mask_off, row_base) and the buffers y[] and mask[].
void matvec_row_out(uint row, float s) {
    if (pc.act_out == 1u) {
        s = max(s, 0.0);
        s = s * s;
    }
    if (pc.accumulate == 1u) s += y[pc.out_off + row];
    y[pc.out_off + row] = s;
    if (pc.mask_mode == 2u || (pc.mask_mode == 1u && s != 0.0)) {
        const uint bit = pc.row_base + row;
        atomicOr(mask[pc.mask_off + bit / 32], 1u << (bit % 32));
    }
}

// Workgroup-wide fp32 sum through shared memory, correct for any subgroup size (no subgroup ops).
// The includer defines WG (a power of two, the workgroup size) before including this file and calls
// wg_sum from uniform control flow only (it contains barriers).
shared float red_[WG];

float wg_sum(float v) {
    const uint t = gl_LocalInvocationID.x;
    red_[t] = v;
    barrier();
    for (uint s = WG / 2; s > 0; s >>= 1) {
        if (t < s) red_[t] += red_[t + s];
        barrier();
    }
    const float r = red_[0];
    barrier();  // red_ may be reused by the next call
    return r;
}

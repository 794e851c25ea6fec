// Workgroup-wide fp32 sum. The includer defines WG (a power of two, the workgroup size) before including this
// file and calls wg_sum from uniform control flow only (it contains barriers). Without USE_SUBGROUP: a tree in
// shared memory, the same order for every subgroup size (bit-identical results on any device). With
// USE_SUBGROUP (the *_sg.comp variants, for devices with subgroup arithmetic): subgroupAdd, then one value per
// subgroup in shared memory; correct for any subgroup size, the rounding depends on it.
shared float red_[WG];

float wg_sum(float v) {
    const uint t = gl_LocalInvocationID.x;
#ifdef USE_SUBGROUP
    const float s = subgroupAdd(v);
    if (subgroupElect()) red_[gl_SubgroupID] = s;
    barrier();
    float r = 0.0;
    for (uint i = 0; i < gl_NumSubgroups; ++i) r += red_[i];
#else
    red_[t] = v;
    barrier();
    for (uint s = WG / 2; s > 0; s >>= 1) {
        if (t < s) red_[t] += red_[t + s];
        barrier();
    }
    const float r = red_[0];
#endif
    barrier();  // red_ may be reused by the next call
    return r;
}

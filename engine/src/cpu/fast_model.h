// The CPU fast backend: weights in stored 16-bit or int8 form (fast_weights.h), SIMD kernels chosen at run
// time (kernels.h), a persistent thread pool, token-by-token decode with a sparse FFN value product, and
// sequence-mode prefill (spec §4: GEMMs over a block of tokens + a sequential WKV scan per head).
// Math and constants as the fp32 reference (cpu_model.cpp); results equal it within fp32/weight rounding.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "cpu/fast_weights.h"
#include "cpu/kernels.h"
#include "cpu/thread_pool.h"
#include "rwkv/model.h"

namespace rwkv::cpu {

inline constexpr float kLayerNormEps = 1e-5f;    // ln0, ln1, ln2, ln_out (spec §3.1)
inline constexpr float kGroupNormEps = 64e-5f;   // ln_x
inline constexpr double kL2Eps = 1e-12;          // κ normalisation
inline constexpr float kDecayScale = 0.606531f;  // official inference constant (spec §12 #1)
inline constexpr int kPrefillBlock = 256;        // tokens per prefill block (GEMM rows)

class FastCpuModel final : public Model {
public:
    FastCpuModel(ModelFingerprint fp, WeightSet ws, DType dtype, int threads);

    std::string backend_name() const override { return "cpu"; }
    std::string device_name() const override;
    DType weight_dtype() const override { return w_.dtype; }
    State new_state() const override;
    FfnActivity ffn_activity() const override {
        return {ffn_active_.load(std::memory_order_relaxed), ffn_total_.load(std::memory_order_relaxed)};
    }
    void forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                 const ForwardOptions& options) override;

private:
    // Decode: one token through all blocks, residual left in x_ (fast_model.cpp).
    void decode(float* state, std::int32_t token);
    void time_mix(int layer, float* att_x, float* S);
    void channel_mix(int layer, float* ffn_x);
    // Prefill: T <= kPrefillBlock tokens, last residual row left in x_ (fast_prefill.cpp).
    void prefill(float* state, const std::int32_t* tokens, int T);
    void prefill_time_mix(int layer, int T, float* att_x, float* S);
    void prefill_channel_mix(int layer, int T, float* ffn_x);
    void head(float* logits);
    void embed(std::int32_t token, float* out) const;  // ln0(emb row)

    ThreadPool pool_;
    FastWeights w_;
    const Kernels& k_;
    std::mutex mu_;  // scratch below: one forward at a time
    std::atomic<std::uint64_t> ffn_active_{0}, ffn_total_{0};

    // decode scratch, [C] unless noted
    FVec x_, z_, xr_, xw_, xk_, xv_, xa_, xg_, r_, k_vec_, v_, tw_, ta_, tv_, g_, kk_, decay_, alpha_, y_, v_first_,
        tmp_;
    FVec hw_, ha_, hv_, hg_;  // [D]
    FVec ffn_h_;              // [F]
    std::vector<std::vector<int>> act_idx_;     // per thread: active neurons
    std::vector<FVec> act_coef_;                // per thread: their relu² values
    std::vector<int> act_n_;
    // Guided split of decode's large row-wise products (run_guided): threads claim runs of kGuideRows-row units from
    // this counter, each run a 1/(2·threads) share of what is left, so the streams stay long and only the last
    // runs are short enough to even out a thread that fell behind.
    static constexpr int kGuideRows = 64;
    std::atomic<int> next_unit_{0};
    struct RowJob {
        const QMatrix* m;
        const float* x;
        float* y;
    };
    // y = M·x for every job; after(r0, r1) runs right after the rows [r0, r1) of the last job (same thread).
    template <class After>
    void run_guided(const RowJob* jobs, int n, After&& after);
    std::vector<FVec> pack_;                    // per thread GEMM panel buffers

    // prefill scratch, [kPrefillBlock, C] unless noted (allocated on first use)
    struct Seq {
        FVec X, Z, R, K, V, TW, TA, TV, G, KK, DEC, ALPHA, Y, VF;  // Z: ln1/ln2 output, the GEMMs' input
        FVec HW, HA, HV, HG;  // [block, Dmax]
        FVec HF;              // [block, F]: FFN key output, then per row and thread slice the active relu² values
        std::vector<int> ACT;   // [block, F]: per row the indices of the active FFN neurons
        std::vector<int> NACT;  // [threads, block]: how many, per thread's slice of the neurons
    };
    std::unique_ptr<Seq> seq_;
    int dmax_ = 0;
};

}  // namespace rwkv::cpu

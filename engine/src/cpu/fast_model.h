// The CPU fast backend: weights in stored 16-bit or int8 form (fast_weights.h), SIMD kernels chosen at run
// time (kernels.h), a persistent thread pool, token-by-token decode with a sparse FFN value product, and
// sequence-mode prefill (spec §4: GEMMs over a block of tokens + a sequential WKV scan per head).
// Math and constants as the fp32 reference (cpu_model.cpp); results equal it within fp32/weight rounding.
#pragma once

#include <algorithm>
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
    /// One decode step of B sequences (fast_prefill.cpp: batch_step): the weights are read once per step for all of
    /// them. Below kGemmRows rows it equals B forward() calls bit for bit (logits and states: decode's matvec through
    /// matvec_n, decode's per-head element-wise code); from kGemmRows on it runs prefill's GEMMs and equals them
    /// within fp32 rounding of a different summation order (test_cpu_batch states the tolerance).
    void forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                       std::span<float> logits) override;
    bool has_batched_decode() const noexcept override { return true; }

private:
    // Decode: one token through all blocks, residual left in x_ (fast_model.cpp).
    void decode(float* state, std::int32_t token);
    void time_mix(int layer, float* att_x, float* S);
    void channel_mix(int layer, float* ffn_x);
    // Decode's element-wise time mix of the head at columns [o, o + head_size) of full-width rows: decay, in-context
    // rate, normalised κ̂, the modulated key and (vf not null: layers > 0) the value residual toward vf. head_out:
    // GroupNorm, bonus and gate of that head's WKV output y. The batched step below kGemmRows rows runs them per row,
    // one code for both, so its rows equal forward()'s bit for bit.
    void head_mix(const FastLayer& L, int o, const float* tw, const float* ta, const float* tv, const float* vf,
                  float* k, float* v, float* kk, float* decay, float* alpha) const;
    void head_out(const FastLayer& L, int o, const float* r, const float* k, const float* v, const float* g,
                  float* y) const;
    // Prefill: T <= kPrefillBlock tokens, last residual row left in x_ (fast_prefill.cpp).
    void prefill(float* state, const std::int32_t* tokens, int T);
    // With `batch` (batched decode), row i belongs to the state batch[i] and att_x / S / ffn_x are unused.
    void prefill_time_mix(int layer, int T, float* att_x, float* S, float* const* batch = nullptr);
    void prefill_channel_mix(int layer, int T, float* ffn_x, float* const* batch = nullptr);
    // Batched decode: B <= kPrefillBlock rows, row i token tokens[i] on states[i]; logits [B, V] unless null.
    void batch_step(float* const* states, const std::int32_t* tokens, int B, float* logits);
    void ensure_seq();  // allocates seq_ on first use

    enum class Post { None, Tanh, Sigmoid };  // applied to a product's output after the GEMM (the LoRA downs)
    struct Gemm {  // Y (+)= X·Wᵀ over T rows (Kernels::gemm)
        const QMatrix* m;
        bool transposed;
        const float* X;
        int ldx;
        float* Y;
        int ldy;
        bool acc;
        ShiftMix mix;  // mix.mu == nullptr: X as it is
        Post post = Post::None;
        int out() const { return transposed ? m->cols : m->rows; }
    };
    void run_gemms(const Gemm* g, int n, int T);  // the n products over T rows, threads splitting their panels
    void run_rows(const Gemm* g, int n, int T, float* scratch);  // the same by decode's matvec (batched decode)
    // Batched decode of fewer than kGemmRows rows runs its products by run_rows (Kernels::matvec_n), from kGemmRows on
    // by run_gemms. Measured on the 2-core box (docs/perf/cpu.md "Batched decode", fp16): 0.4B B = 8 179-181 tok/s by
    // matvec_n vs 142-152 by GEMM, B = 12 184-191 vs 206, B = 16 185-198 vs 223-230; 1.5B about even at 12.
    static constexpr int kGemmRows = 12;
    bool batch_rows_ = true;
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
    // The guided split itself, for run_guided and run_rows: n jobs of rows_of(j) rows; on the pool's threads,
    // rows(j, r0, r1) does rows [r0, r1) of job j (a claimed run may cross from one job into the next).
    template <class RowsOf, class Rows>
    void for_each_guided_run(int n, RowsOf&& rows_of, Rows&& rows);
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
    std::vector<float*> batch_states_;  // forward_batch: the states' host memory
    int dmax_ = 0;
};

// Defined here: run_guided (fast_model.cpp) and run_rows (fast_prefill.cpp) both use it.
template <class RowsOf, class Rows>
void FastCpuModel::for_each_guided_run(int n, RowsOf&& rows_of, Rows&& rows) {
    const int nt = pool_.size();
    auto units = [&](int j) { return (rows_of(j) + kGuideRows - 1) / kGuideRows; };
    int total = 0;
    for (int j = 0; j < n; ++j) total += units(j);
    next_unit_.store(0, std::memory_order_relaxed);  // published to the workers by pool_.run's hand-off
    pool_.run([&](int) {
        for (;;) {
            int u = next_unit_.load(std::memory_order_relaxed), take;
            do {
                if (u >= total) return;
                take = std::max(1, (total - u) / (2 * nt));
            } while (!next_unit_.compare_exchange_weak(u, u + take, std::memory_order_relaxed));
            for (int end = u + take; u < end;) {  // the run [u, end) may cross from one job into the next
                int j = 0, lu = u;
                while (lu >= units(j)) lu -= units(j++);
                const int n_here = std::min(units(j) - lu, end - u);
                rows(j, lu * kGuideRows, std::min(rows_of(j), (lu + n_here) * kGuideRows));
                u += n_here;
            }
        }
    });
}

}  // namespace rwkv::cpu

// infer_and_validate_shape (rwkv/weights.h): hyper-parameters from canonical tensors (spec §1.1) and a
// check of every tensor of spec §2.1; refuses RWKV-4/5/6 and the rwkv7a/rwkv7b DeepEmbed variants.
#include <map>
#include <string>
#include <vector>

#include "formats/readers.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv {
namespace {

std::string shape_text(const std::vector<std::int64_t>& s) {
    std::string r = "[";
    for (std::size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
    return r + "]";
}

/// Names a foreign architecture from the set of keys, or returns "" for RWKV-7. RWKV-6 has time_maa_* /
/// time_decay_w1; RWKV-5 time_faaaa (5.1+) or time_first with a GroupNorm ln_x (5.0); RWKV-4 time_first,
/// time_mix_k and time_decay without ln_x.
std::string foreign_architecture(const std::map<std::string, TensorView>& tensors) {
    std::string v6, v5, v4, v7a, v7b;
    bool ln_x = false;
    for (const auto& entry : tensors) {
        const std::string& name = entry.first;
        auto has = [&](const char* s) { return name.find(s) != std::string::npos; };
        if (has(".att.ln_x.")) ln_x = true;
        if (has(".ffn.s_emb") || has(".ffn.s0") || has(".ffn.s1") || has(".ffn.s2")) v7a = name;
        else if (has(".qkv.")) v7b = name;
        else if (has(".att.time_maa") || has(".att.time_decay_w1")) v6 = name;
        else if (has(".att.time_faaaa")) v5 = name;
        else if (has(".att.time_first") || has(".att.time_mix_k") || has(".att.time_decay")) v4 = name;
    }
    if (!v7a.empty()) return "an RWKV-7 DeepEmbed variant (\"rwkv7a\", key " + formats::quoted_name(v7a) + ")";
    if (!v7b.empty()) return "an RWKV-7 DeepEmbed-Attention variant (\"rwkv7b\", key " + formats::quoted_name(v7b) + ")";
    if (!v6.empty()) return "RWKV-6 (key " + formats::quoted_name(v6) + ")";
    if (!v5.empty()) return "RWKV-5 (key " + formats::quoted_name(v5) + ")";
    if (!v4.empty()) return std::string(ln_x ? "RWKV-5" : "RWKV-4") + " (key " + formats::quoted_name(v4) + ")";
    return {};
}

/// A tensor's name as its file has it: the safetensors reader keeps a Hugging Face file's names it does not map under
/// "hf." (safetensors_reader.cpp), so a Llama file's "model.layers.0.…" is "hf.model.layers.0.…" here.
std::string name_in_file(const std::string& name) { return name.rfind("hf.", 0) == 0 ? name.substr(3) : name; }

/// Why a set with emb.weight but no blocks.{i}.* tensor is not RWKV-7, naming what the file has: "its tensors are
/// named layers.0.…, not blocks.0.…" from the first name with a numbered part (cut after the number), or its first
/// three names when none is numbered. Such a file is whole, of another model (session 34's trial: "corrupt").
std::string not_rwkv7_reason(const std::map<std::string, TensorView>& tensors) {
    constexpr const char* kMore = "\xe2\x80\xa6";  // U+2026
    for (const auto& entry : tensors) {
        const std::string name = name_in_file(entry.first);
        for (std::size_t p = 0, end; (end = name.find('.', p)) != std::string::npos; p = end + 1)
            if (end > p && name.find_first_not_of("0123456789", p) == end)
                return "its tensors are named " + formats::quoted_name(name.substr(0, end + 1)) + kMore + ", not blocks.0." +
                       kMore + " as RWKV-7's are";
    }
    std::string names;
    int n = 0;
    for (const auto& entry : tensors) {
        if (n++ == 3) return "it has no blocks.0." + std::string(kMore) + " tensors, only " + names + ", " + kMore;
        names += (names.empty() ? "" : ", ") + formats::quoted_name(name_in_file(entry.first));
    }
    return "it has no blocks.0." + std::string(kMore) + " tensors, only " + names;
}

/// Names a transformer checkpoint by its embedding and layer names (Hugging Face and Meta layouts), or returns "" for
/// anything else: "a Llama-style model (key "model.embed_tokens.weight")". Such a file is whole, of another model,
/// not damaged (session 34's check: a Llama .safetensors was "corrupt").
std::string transformer_kind(const std::map<std::string, TensorView>& tensors) {
    struct Kind {
        const char* prefix;  ///< a tensor name, or the start of one
        const char* what;
    };
    static constexpr Kind kKinds[] = {
        {"model.embed_tokens.", "a Llama-style model"},  // Llama, Mistral, Qwen, Gemma, ... (transformers)
        {"model.layers.", "a Llama-style model"},
        {"tok_embeddings.", "a Llama-style model"},  // Meta's own consolidated.pth
        {"transformer.wte.", "a GPT-2-style model"},
        {"wte.", "a GPT-2-style model"},
        {"transformer.h.", "a GPT-2-style model"},
        {"gpt_neox.", "a GPT-NeoX-style model"},
        {"bert.", "a BERT model"},
    };
    for (const Kind& kind : kKinds)
        for (const auto& entry : tensors)
            if (const std::string name = name_in_file(entry.first); name.rfind(kind.prefix, 0) == 0)
                return std::string(kind.what) + " (key " + formats::quoted_name(name) + ")";
    return {};
}

}  // namespace

ModelShape infer_and_validate_shape(const WeightSet& ws) { return formats::validate_shape(ws, false); }

ModelShape formats::validate_shape(const WeightSet& ws, bool index_only) {
    const std::string file = ws.path.filename().string();
    auto corrupt = [&](const std::string& msg) { return Error(ErrorCode::CorruptFile, file + ": " + msg); };
    auto unsupported = [&](const std::string& msg) { return Error(ErrorCode::UnsupportedModel, file + ": " + msg); };

    if (auto arch = foreign_architecture(ws.tensors()); !arch.empty())
        throw unsupported("unsupported architecture: " + arch + "; only RWKV-7 is supported");
    long max_block = -1;
    for (const auto& [name, t] : ws.tensors()) {
        if (name.rfind("blocks.", 0) == 0) {
            long i = 0;
            std::size_t p = 7, start = 7;
            while (p < name.size() && name[p] >= '0' && name[p] <= '9' && p - start < 6) i = i * 10 + (name[p++] - '0');
            if (p > start && i > max_block) max_block = i;
        }
    }

    auto get = [&](const std::string& name) -> const TensorView& {
        if (!ws.has(name)) throw corrupt("tensor " + formats::quoted_name(name) + " is missing");
        return ws.get(name);
    };
    auto dim = [&](const std::string& name, std::size_t rank, std::size_t d) {
        const auto& t = get(name);
        if (t.shape.size() != rank)
            throw corrupt("tensor " + formats::quoted_name(name) + " has shape " + shape_text(t.shape) + ", expected " + std::to_string(rank) + "-D");
        if (t.shape[d] <= 0 || t.shape[d] > (1 << 30))
            throw corrupt("tensor " + formats::quoted_name(name) + " has a size of " + std::to_string(t.shape[d]) + " in its shape " +
                          shape_text(t.shape) + (t.shape[d] <= 0 ? ": the file is damaged" : ": no model is that large, the file is damaged"));
        return static_cast<int>(t.shape[d]);
    };

    ModelShape s;
    if (!ws.has("emb.weight")) {
        // A whole file of another model is unsupported, not corrupt: a known transformer layout by name, any other
        // set without RWKV's blocks.N. tensors by what it has. With blocks but no emb.weight it is RWKV-7's, damaged,
        // as is a file with no tensor at all (an rwkv.cpp .bin cut after its header).
        // A state-tuning file (rwkv/state_file.h) opened as a model: what it is and where it goes, not "damaged"
        // (session 48's trial: the models folder called one "Damaged", rwkv-cli "tensor emb.weight is missing").
        for (const auto& [name, t] : ws.tensors())
            if (formats::time_state_layer(name) >= 0)
                throw Error(ErrorCode::UnsupportedFormat,
                            file + ": this is an RWKV state-tuning file (blocks.{i}.att.time_state: a trained starting "
                                   "state, no model weights), not a model: load a model of its shape and start from "
                                   "this file (rwkv-cli --state-file)");
        if (max_block >= 0 || ws.tensors().empty()) throw corrupt("tensor emb.weight is missing");
        if (const std::string kind = transformer_kind(ws.tensors()); !kind.empty())
            throw unsupported("not an RWKV model: " + kind + "; only RWKV-7 is supported");
        throw unsupported("not an RWKV-7 model: " + not_rwkv7_reason(ws.tensors()));
    }
    s.vocab_size = dim("emb.weight", 2, 0);
    s.n_embd = dim("emb.weight", 2, 1);
    if (max_block < 0) throw unsupported("not an RWKV-7 model: " + not_rwkv7_reason(ws.tensors()));
    s.n_layer = static_cast<int>(max_block + 1);
    if (s.n_embd % 64 != 0)
        throw unsupported("n_embd " + std::to_string(s.n_embd) + " is not a multiple of the head size 64");
    s.head_size = 64;
    s.n_head = s.n_embd / 64;
    s.dim_ffn = dim("blocks.0.ffn.key.weight", 2, 0);
    s.lora_w = dim("blocks.0.att.w1", 2, 0);
    s.lora_a = dim("blocks.0.att.a1", 2, 0);
    s.lora_g = dim("blocks.0.att.g1", 2, 0);
    s.lora_v = s.n_layer > 1 ? dim("blocks.1.att.v1", 2, 0) : 0;

    const std::int64_t C = s.n_embd, F = s.dim_ffn, V = s.vocab_size;
    auto expect = [&](const std::string& name, std::vector<std::int64_t> shape) {
        const auto& t = get(name);
        if (t.shape != shape)
            throw corrupt("tensor " + formats::quoted_name(name) + " has shape " + shape_text(t.shape) + ", expected " + shape_text(shape) +
                          " for " + s.to_string());
        const std::size_t es = dtype_size(t.dtype);
        if (es == 0) throw corrupt("tensor " + formats::quoted_name(name) + " has dtype " + std::string(dtype_name(t.dtype)) + " the engine cannot use");
        std::size_t n = 1;
        for (auto d : shape) n *= static_cast<std::size_t>(d);
        if (index_only && t.data == nullptr) return;  // a quantised tensor of an index-only set: its shape alone
        if (t.nbytes != n * es || t.data == nullptr) throw Error(ErrorCode::Internal, file + ": tensor " + formats::quoted_name(name) + " byte size mismatch");
    };

    expect("emb.weight", {V, C});
    expect("head.weight", {V, C});
    expect("blocks.0.ln0.weight", {C});
    expect("blocks.0.ln0.bias", {C});
    expect("ln_out.weight", {C});
    expect("ln_out.bias", {C});
    for (int i = 0; i < s.n_layer; ++i) {
        const std::string b = "blocks." + std::to_string(i) + ".";
        for (const char* v : {"ln1.weight", "ln1.bias", "ln2.weight", "ln2.bias", "att.x_r", "att.x_w", "att.x_k",
                              "att.x_v", "att.x_a", "att.x_g", "att.w0", "att.a0", "att.k_k", "att.k_a", "att.r_k",
                              "att.ln_x.weight", "att.ln_x.bias", "ffn.x_k"})
            expect(b + v, {C});
        expect(b + "att.w1", {s.lora_w, C});
        expect(b + "att.w2", {C, s.lora_w});
        expect(b + "att.a1", {s.lora_a, C});
        expect(b + "att.a2", {C, s.lora_a});
        expect(b + "att.g1", {s.lora_g, C});
        expect(b + "att.g2", {C, s.lora_g});
        if (i > 0) {
            expect(b + "att.v0", {C});
            expect(b + "att.v1", {s.lora_v, C});
            expect(b + "att.v2", {C, s.lora_v});
        }
        for (const char* m : {"att.receptance.weight", "att.key.weight", "att.value.weight", "att.output.weight"})
            expect(b + m, {C, C});
        expect(b + "ffn.key.weight", {F, C});
        expect(b + "ffn.value.weight", {C, F});
    }
    return s;
}

}  // namespace rwkv

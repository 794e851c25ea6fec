// rwkv/state_file.h — RWKV "state-tuning" files: a starting state trained in place of the weights (RWKV-PEFT's state
// tuning: a few MB that give a base model a role, a style or a task), loaded as a conversation's initial state.
//
// The file, as the reference loaders read it (BlinkDL/ChatRWKV API_DEMO_CHAT.py and the demos copied from it;
// docs/engine.md "State-tuning files"): a PyTorch .pth (ZIP + pickle, read by the same
// restricted reader as checkpoints: nothing in it is executed) or a .safetensors with the same names, holding exactly
// one tensor per layer i = 0 … L-1, "blocks.{i}.att.time_state", torch shape [H, N, N] (N = 64), fp32, fp16 or bf16.
// The trainer keeps it transposed against the runtime state: the loaders put time_state.transpose(1, 2) into the WKV
// slot of layer i (state[3i+1], [H][value][key]) and start both token-shift vectors at zero. In our layout
// (rwkv/state.h) wkv element (h, m, j) — m the value row, j the key column — is the file's element [h][j][m], and
// att_x and ffn_x are zero.
//
// Not to be confused with RWKV Desktop's own states — the blobs of rwkv/state_blob.h (saved with conversations and in
// bundles) and the raw float32 files of `rwkv-cli eval --state-out` / `--state-in`: those hold a whole state (token
// shifts included) of one exact model; a state-tuning file fits every model of its L, H and N.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "rwkv/dtype.h"
#include "rwkv/model.h"
#include "rwkv/shape.h"
#include "rwkv/weights.h"

namespace rwkv {

/// A state-tuning file read and checked, without a model.
struct StateFile {
    CheckpointFormat format = CheckpointFormat::Pth;  ///< Pth or Safetensors
    DType dtype = DType::F32;                         ///< layer 0's stored dtype (F32, F16 or BF16)
    int n_layer = 0;                                  ///< L
    int n_head = 0;                                   ///< H
    int head_size = 0;                                ///< N (always 64)
    /// L·H·N·N floats, already transposed to our layout: layer l's wkv (h, m, j) at ((l·H + h)·N + m)·N + j.
    std::vector<float> wkv;
};

/// Reads a state-tuning file. Throws Error with
///   FileNotFound / Io                  the file cannot be opened or read;
///   EmptyFile                          0 bytes;
///   TruncatedFile                      cut part way (the container's index says there is more);
///   UnsupportedFormat                  not a .pth / .safetensors (a GGUF or rwkv.cpp model, a picture, an RWKV Desktop
///                                      state blob … named), a model checkpoint ("… is a model checkpoint (it holds
///                                      emb.weight …), not a state-tuning file"), or no time_state tensor at all;
///   CorruptFile                        a tensor that is no part of a state-tuning file next to the time_state ones,
///                                      a missing layer ("blocks.3.att.time_state is missing …"), a shape that is not
///                                      [H, N, N] or differs between layers, NaN or infinity (naming tensor and
///                                      element), a damaged container;
///   UnsupportedModel                   a head size other than 64;
///   UnsafeFile                         a pickle that asks for more than tensors.
/// Never returns part of a file.
StateFile read_state_file(const std::filesystem::path& path);
/// The same for a file already read into memory (the app hashes the bytes it reads, so that the bytes checked against
/// a conversation's sha256 are the bytes loaded); `name` stands for the file in messages.
StateFile read_state_file(std::span<const std::byte> bytes, const std::filesystem::path& name);

/// Whether `path` opens as a .pth / .safetensors container whose tensors include a "blocks.{i}.att.time_state" and no
/// "emb.weight" (what `rwkv-cli info` asks before reading it as a state-tuning file). Reads only the index; never throws.
bool is_state_file(const std::filesystem::path& path) noexcept;

/// The whole state (spec §5 layout, rwkv/state.h) that `file` starts a model of `shape` from: each layer's wkv from the
/// file, att_x and ffn_x zero. Throws Error(StateMismatch) naming both shapes when L, H or N differ.
std::vector<float> state_file_floats(const StateFile& file, const ModelShape& shape);

/// read_state_file, then state_file_floats for `model`, uploaded into a new state on its backend. Same errors.
State load_state_file(const std::filesystem::path& path, const Model& model);

}  // namespace rwkv

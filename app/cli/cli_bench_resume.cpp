// cli_bench_resume.cpp — `rwkv-cli bench --resume-tokens N`: how long opening a conversation of N tokens takes to
// its first new token, resumed from a stored state snapshot versus re-prefilled from its text (docs/conversations.md
// "Resume"). The snapshot goes the app's way: state blob -> codec (shuffle + zstd) -> SQLite (WAL, incremental blob
// I/O) -> back. Qt-free, so it also builds engine-only (the GPU machine); without SQLite or zstd there, the snapshot
// is kept in a file / stored raw and the JSON says so.
#include "cli_bench_resume.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

#include "cli_common.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/tokenizer.h"

#ifdef RWKV_CLI_HAS_SQLITE
#include <sqlite3.h>
#endif
#ifdef RWKV_CLI_HAS_ZSTD
#include "store/snapshot_codec.h"
#endif

namespace rwkv::cli {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
double r3(double x) { return std::round(x * 1e3) / 1e3; }

std::int32_t argmax(const std::vector<float>& v) {
    return std::int32_t(std::max_element(v.begin(), v.end()) - v.begin());
}

// --- the stored snapshot: SQLite with incremental blob I/O as in app/core/store, or a plain file ---

struct SnapshotFile {
    std::filesystem::path path;
    bool sqlite = false;
};

#ifdef RWKV_CLI_HAS_SQLITE
void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw Error(ErrorCode::Io, std::string("bench sqlite ") + what + ": " + sqlite3_errmsg(db));
}
void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

sqlite3* open_db(const std::filesystem::path& p) {
    sqlite3* db = nullptr;
    if (sqlite3_open(p.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw Error(ErrorCode::Io, "cannot open " + p.string());
    }
    exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    return db;
}
#endif

/// Creates the database and its table (not timed: the app's database exists long before a turn is saved).
void prepare_snapshot_file(const SnapshotFile& f) {
#ifdef RWKV_CLI_HAS_SQLITE
    if (f.sqlite) {
        sqlite3* db = open_db(f.path);
        exec(db, "CREATE TABLE IF NOT EXISTS snapshots (id INTEGER PRIMARY KEY, blob BLOB NOT NULL)");
        sqlite3_close(db);
    }
#else
    (void)f;
#endif
}

/// One transaction as the app's turn save: a zeroblob row, filled in 1 MiB chunks, committed.
void write_snapshot(const SnapshotFile& f, const std::vector<std::byte>& bytes) {
#ifdef RWKV_CLI_HAS_SQLITE
    if (f.sqlite) {
        sqlite3* db = open_db(f.path);
        exec(db, "BEGIN IMMEDIATE");
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, "INSERT INTO snapshots (id, blob) VALUES (1, ?1)", -1, &s, nullptr), db, "prepare");
        sqlite3_bind_zeroblob64(s, 1, bytes.size());
        check(sqlite3_step(s), db, "insert");
        sqlite3_finalize(s);
        sqlite3_blob* blob = nullptr;
        check(sqlite3_blob_open(db, "main", "snapshots", "blob", 1, 1, &blob), db, "blob_open");
        const std::size_t chunk = std::size_t(1) << 20;
        for (std::size_t at = 0; at < bytes.size(); at += chunk)
            check(sqlite3_blob_write(blob, bytes.data() + at, int(std::min(chunk, bytes.size() - at)), int(at)), db,
                  "blob_write");
        sqlite3_blob_close(blob);
        exec(db, "COMMIT");
        sqlite3_close(db);
        return;
    }
#endif
    std::ofstream out(f.path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) throw Error(ErrorCode::Io, "cannot write " + f.path.string());
}

std::vector<std::byte> read_snapshot(const SnapshotFile& f) {
#ifdef RWKV_CLI_HAS_SQLITE
    if (f.sqlite) {
        sqlite3* db = open_db(f.path);
        sqlite3_blob* blob = nullptr;
        check(sqlite3_blob_open(db, "main", "snapshots", "blob", 1, 0, &blob), db, "blob_open");
        std::vector<std::byte> out(std::size_t(sqlite3_blob_bytes(blob)));
        const std::size_t chunk = std::size_t(1) << 20;
        for (std::size_t at = 0; at < out.size(); at += chunk)
            check(sqlite3_blob_read(blob, out.data() + at, int(std::min(chunk, out.size() - at)), int(at)), db,
                  "blob_read");
        sqlite3_blob_close(blob);
        sqlite3_close(db);
        return out;
    }
#endif
    std::ifstream in(f.path, std::ios::binary);
    std::vector<std::byte> out(std::filesystem::file_size(f.path));
    in.read(reinterpret_cast<char*>(out.data()), std::streamsize(out.size()));
    return out;
}

// --- codecs ---

struct Codec {
    std::string name;
    int id = 0;     // store::CodecId
    int level = 0;
    std::size_t chunk = 0;  // bytes per zstd frame of shuffle-zstd (0: one frame, as before the framed form)
};

std::vector<std::byte> encode(const Codec& c, const std::vector<std::byte>& raw) {
#ifdef RWKV_CLI_HAS_ZSTD
    return store::encodeSnapshot(raw, store::CodecId(c.id), c.level, c.chunk);
#else
    (void)c;
    return raw;
#endif
}

std::vector<std::byte> decode(const Codec& c, const std::vector<std::byte>& stored, std::size_t raw_size) {
#ifdef RWKV_CLI_HAS_ZSTD
    return store::decodeSnapshot(stored, c.id, raw_size);
#else
    (void)c;
    (void)raw_size;
    return stored;
#endif
}

/// Decodes into a buffer the caller keeps (the app's worker reuses one, page-locked for the GPU upload).
void decode_into(const Codec& c, const std::vector<std::byte>& stored, std::vector<std::byte>& out) {
#ifdef RWKV_CLI_HAS_ZSTD
    store::decodeSnapshotInto(stored, c.id, out);
#else
    (void)c;
    std::memcpy(out.data(), stored.data(), out.size());
#endif
}

}  // namespace

nlohmann::ordered_json run_resume_bench(const ResumeBenchOptions& o) {
    if (o.context_tokens < 1) throw Error(ErrorCode::InvalidArgument, "--resume-tokens must be at least 1");
    const auto t_load = Clock::now();
    WeightSet ws;
    if (!o.bench.random.empty()) {
        RandomWeightsOptions ro;
        ro.shape = preset_shape(o.bench.random);
        ro.dtype = o.bench.dtype == DType::I8 ? DType::F16 : o.bench.dtype;
        ro.seed = o.bench.seed;
        ro.ffn_density = o.bench.ffn_density;
        ro.threads = o.bench.threads;
        ws = make_random_weights(ro);
    } else {
        ws = load_weights(o.bench.model);
    }
    LoadOptions lo;
    lo.backend = o.bench.backend;
    lo.weight_dtype = o.bench.dtype;
    lo.threads = o.bench.threads;
    std::unique_ptr<Model> model = Model::from_weights(std::move(ws), lo);
    const double load_s = ms_since(t_load) / 1000;
    const ModelShape& s = model->shape();
    const int V = s.vocab_size;

    // The conversation: the text of --resume-text (a real state), else random ids; and the new user turn.
    std::vector<std::int32_t> context, turn;
    std::string context_kind = "random ids";
    std::unique_ptr<Tokenizer> tokenizer;
    if (V == 256 || (V == 65536 && !find_bundled_vocab().empty()))
        tokenizer = tokenizer_for_vocab_size(V, V == 256 ? std::filesystem::path() : find_bundled_vocab());
    if (!o.text_file.empty()) {
        if (!tokenizer) throw Error(ErrorCode::FileNotFound, "--resume-text needs the bundled World vocabulary");
        const std::vector<std::int32_t> text = tokenizer->encode(read_text_file(o.text_file));
        if (text.empty()) throw Error(ErrorCode::InvalidArgument, o.text_file + " has no text");
        while (int(context.size()) < o.context_tokens) context.insert(context.end(), text.begin(), text.end());
        context.resize(std::size_t(o.context_tokens));
        context_kind = "text of " + std::filesystem::path(o.text_file).filename().string();
    } else {
        std::mt19937 rng(1234);
        std::uniform_int_distribution<int> id(1, std::min(V, 65530) - 1);
        for (int i = 0; i < o.context_tokens; ++i) context.push_back(id(rng));
    }
    if (tokenizer) {
        turn = tokenizer->encode("User: What did we talk about so far?\n\nAssistant:");
    } else {
        std::mt19937 rng(99);
        for (int i = 0; i < 16; ++i) turn.push_back(1 + int(rng() % std::uint32_t(std::min(V, 65530) - 1)));
    }

    std::vector<float> logits(static_cast<std::size_t>(V));
    ForwardOptions fwd;  // default chunking, as the app prefills
    // Warm-up (first-call allocations, kernels, thread pool) on a throwaway state.
    {
        State w = model->new_state();
        model->forward(w, turn, logits, fwd);
    }

    // 1. Re-prefill: the whole conversation, then the new turn, then the first token.
    State state = model->new_state();
    const auto t_re = Clock::now();
    model->forward(state, context, logits, fwd);
    const double context_ms = ms_since(t_re);
    State saved = state.clone();  // the state after the conversation = what the app stores
    model->forward(state, turn, logits, fwd);
    const std::int32_t first_re = argmax(logits);
    const double reprefill_ms = ms_since(t_re);

    // 2. The snapshot the app would store, with every codec, and the chosen one written to SQLite.
    const std::vector<std::byte> blob = model->export_state(saved);
    std::vector<Codec> codecs = {{"raw", 0, 0}};
#ifdef RWKV_CLI_HAS_ZSTD
    codecs.push_back({"zstd-1", 1, 1});
    codecs.push_back({"zstd-3", 1, 3});
    codecs.push_back({"shuffle-zstd-1 (one frame)", 2, 1});
    codecs.push_back({"shuffle-zstd-3 (one frame)", 2, 3});
    codecs.push_back({"shuffle-zstd-3 (1 MiB frames)", 2, 3, store::kSnapshotChunkBytes});
#endif
    const Codec chosen = codecs.size() > 1 ? codecs.back() : codecs.front();  // what ChatSession writes
    nlohmann::ordered_json codec_rows = nlohmann::json::array();
    std::vector<std::byte> stored;
    for (const Codec& c : codecs) {
        const auto t_enc = Clock::now();
        std::vector<std::byte> bytes = encode(c, blob);
        const double enc_ms = ms_since(t_enc);
        const auto t_dec = Clock::now();
        const std::vector<std::byte> back = decode(c, bytes, blob.size());
        const double dec_ms = ms_since(t_dec);
        if (back != blob) throw Error(ErrorCode::Internal, "codec " + c.name + " did not round-trip");
        codec_rows.push_back({{"codec", c.name}, {"bytes", bytes.size()},
                              {"ratio", r3(double(blob.size()) / double(bytes.size()))},
                              {"encode_ms", r3(enc_ms)}, {"decode_ms", r3(dec_ms)}});
        if (c.name == chosen.name) stored = std::move(bytes);
    }
    SnapshotFile file;
    file.path = std::filesystem::temp_directory_path() /
                ("rwkv-resume-bench-" + std::to_string(::getpid()) + ".sqlite");
#ifdef RWKV_CLI_HAS_SQLITE
    file.sqlite = true;
#endif
    std::filesystem::remove(file.path);
    prepare_snapshot_file(file);
    const auto t_write = Clock::now();
    write_snapshot(file, stored);
    const double write_ms = ms_since(t_write);

    // 3. Resume: open the database, read the blob, decode, import, prefill the turn, first token (best of 3).
    double best = 1e300, read_ms = 0, decode_ms = 0, import_ms = 0, turn_ms = 0;
    std::int32_t first_resume = -1;
    std::vector<std::byte> raw(blob.size());  // reused and page-locked, as the app's worker keeps it
    const rwkv::PinnedHostMemory raw_pin(*model, raw);
    for (int rep = 0; rep < 3; ++rep) {
        const auto t0 = Clock::now();
        const std::vector<std::byte> bytes = read_snapshot(file);
        const double t_read = ms_since(t0);
        decode_into(chosen, bytes, raw);
        const double t_decode = ms_since(t0) - t_read;
        State resumed = model->import_state(raw);
        const double t_import = ms_since(t0) - t_read - t_decode;
        model->forward(resumed, turn, logits, fwd);
        first_resume = argmax(logits);
        const double total = ms_since(t0);
        if (total < best) {
            best = total;
            read_ms = t_read;
            decode_ms = t_decode;
            import_ms = t_import;
            turn_ms = total - t_read - t_decode - t_import;
        }
    }
    // 4. Hot: the state is still in the app's memory cache (a copy on the device) — switching back and forth.
    double hot = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        const auto t0 = Clock::now();
        State copy = saved.clone();
        model->forward(copy, turn, logits, fwd);
        hot = std::min(hot, ms_since(t0));
    }
    std::filesystem::remove(file.path);
    std::filesystem::remove(file.path.string() + "-wal");
    std::filesystem::remove(file.path.string() + "-shm");

    nlohmann::ordered_json j;
    j["mode"] = "resume";
    j["backend"] = model->backend_name();
    j["device"] = model->device_name();
    j["shape"] = (o.bench.random.empty() ? o.bench.model.filename().string() : o.bench.random) + " " + s.to_string();
    j["dtype"] = std::string(dtype_name(model->weight_dtype()));
    // The CPU threads that ran the model: the CPU backend's alone, as the decode bench's JSON (a GPU's said 1).
    if (model->backend_name().rfind("cpu", 0) == 0) j["threads"] = o.bench.threads > 0 ? o.bench.threads : auto_cpu_threads(s);
    j["context_tokens"] = context.size();
    j["context"] = context_kind;
    j["turn_tokens"] = turn.size();
    j["reprefill_ms"] = r3(reprefill_ms);
    j["reprefill_context_tok_s"] = r3(double(context.size()) * 1000.0 / context_ms);
    j["resume_ms"] = r3(best);
    j["resume"] = {{"read_ms", r3(read_ms)}, {"decode_ms", r3(decode_ms)}, {"import_ms", r3(import_ms)},
                   {"turn_prefill_and_first_token_ms", r3(turn_ms)}};
    j["resume_hot_ms"] = r3(hot);
    j["speedup"] = r3(reprefill_ms / best);
    j["same_first_token"] = first_re == first_resume;
    j["state_bytes"] = blob.size();
    j["snapshot_storage"] = file.sqlite ? "sqlite (WAL, incremental blob I/O)" : "file";
    j["snapshot_codec"] = chosen.name;
    j["decode_buffer"] = raw_pin.pinned() ? "reused, page-locked" : "reused";
    j["snapshot_bytes"] = stored.size();
    j["snapshot_write_ms"] = r3(write_ms);
    j["codecs"] = codec_rows;
    j["load_s"] = r3(load_s);
    return j;
}

}  // namespace rwkv::cli

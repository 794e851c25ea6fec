// store/snapshot_codec.cpp — zstd (libzstd) and the 4-byte transpose; see snapshot_codec.h.
#include "snapshot_codec.h"

#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace rwkv::store {

std::vector<std::byte> shuffle4(std::span<const std::byte> in) {
    std::vector<std::byte> out(in.size());
    const std::size_t words = in.size() / 4;
    for (std::size_t b = 0; b < 4; ++b) {
        std::byte* dst = out.data() + b * words;
        for (std::size_t w = 0; w < words; ++w) dst[w] = in[w * 4 + b];
    }
    std::memcpy(out.data() + words * 4, in.data() + words * 4, in.size() - words * 4);
    return out;
}

std::vector<std::byte> unshuffle4(std::span<const std::byte> in) {
    std::vector<std::byte> out(in.size());
    const std::size_t words = in.size() / 4;
    for (std::size_t b = 0; b < 4; ++b) {
        const std::byte* src = in.data() + b * words;
        for (std::size_t w = 0; w < words; ++w) out[w * 4 + b] = src[w];
    }
    std::memcpy(out.data() + words * 4, in.data() + words * 4, in.size() - words * 4);
    return out;
}

namespace {

using Bytes = std::vector<std::byte>;
constexpr std::uint32_t kSkippableMagic = 0x184D2A5A;  // ZSTD_MAGIC_SKIPPABLE_START + 10: the frame table
constexpr std::uint32_t kTableMagic = 0x31435a52;      // "RZC1"

template <typename T>
T getLe(const std::byte* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <typename T>
void putLe(std::byte* p, T v) {
    std::memcpy(p, &v, sizeof v);
}

Bytes zstdCompress(std::span<const std::byte> in, int level, bool contentSize = true) {
    // With the frame's content checksum (XXH64): damaged stored bytes fail to decode instead of decoding to
    // different bytes of the right size (a bundle's state is checked this way before it is imported).
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    if (!cctx) throw CodecError("zstd: out of memory");
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
    // Framed snapshots leave the size out so that a single-frame reader (which checks the first frame's declared
    // size against the whole blob) reads all frames as one stream.
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_contentSizeFlag, contentSize ? 1 : 0);
    Bytes out(ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) throw CodecError(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

/// Decompresses every frame of `in` into exactly out.size() bytes.
void zstdDecompressInto(std::span<const std::byte> in, std::span<std::byte> out, ZSTD_DCtx* dctx = nullptr) {
    const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
    if (declared == ZSTD_CONTENTSIZE_ERROR) throw CodecError("the stored snapshot is not a zstd frame");
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != out.size())
        throw CodecError("the stored snapshot declares " + std::to_string(declared) + " bytes, the row " +
                         std::to_string(out.size()));
    const std::size_t n = dctx ? ZSTD_decompressDCtx(dctx, out.data(), out.size(), in.data(), in.size())
                               : ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) {  // zstd's words for the log only (session 35's trial: they reached the user)
        const ZSTD_ErrorCode code = ZSTD_getErrorCode(n);
        if (code == ZSTD_error_checksum_wrong)
            throw CodecError("the stored snapshot is damaged: its checksum does not match", CodecError::Kind::Checksum,
                             ZSTD_getErrorName(n));
        if (code == ZSTD_error_srcSize_wrong)
            throw CodecError("the stored snapshot is cut short", CodecError::Kind::CutShort, ZSTD_getErrorName(n));
        throw CodecError("the stored snapshot is damaged", CodecError::Kind::Damaged, ZSTD_getErrorName(n));
    }
    if (n != out.size())
        throw CodecError("the stored snapshot decodes to " + std::to_string(n) + " bytes, expected " +
                             std::to_string(out.size()),
                         CodecError::Kind::CutShort);
}

unsigned workerCount(unsigned threads, std::size_t jobs) {
    if (threads == 0) threads = std::min(8u, std::max(1u, std::thread::hardware_concurrency()));
    return unsigned(std::max<std::size_t>(1, std::min<std::size_t>(threads, jobs)));
}

/// Runs job(i, worker) for i in [0, n) on `workers` threads (the calling one is worker 0); rethrows the first error.
template <typename Job>
void parallelFor(std::size_t n, unsigned workers, Job job) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto run = [&](unsigned worker) {
        try {
            for (std::size_t i; (i = next.fetch_add(1)) < n;) job(i, worker);
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!error) error = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers; ++t) pool.emplace_back(run, t);
    run(0);
    for (std::thread& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

/// Words [w0, w1) of the 4-plane transposed `in` (planes of `words` bytes) back into `out`.
void unshuffleWords(const std::byte* in, std::size_t words, std::byte* out, std::size_t w0, std::size_t w1) {
    const std::byte* s0 = in;
    const std::byte* s1 = in + words;
    const std::byte* s2 = in + 2 * words;
    const std::byte* s3 = in + 3 * words;
    for (std::size_t w = w0; w < w1; ++w) {
        out[w * 4 + 0] = s0[w];
        out[w * 4 + 1] = s1[w];
        out[w * 4 + 2] = s2[w];
        out[w * 4 + 3] = s3[w];
    }
}

/// The inverse transpose on `workers` threads.
void unshuffle4Into(std::span<const std::byte> in, std::byte* out, unsigned workers) {
    const std::size_t words = in.size() / 4;
    constexpr std::size_t kPart = std::size_t(1) << 18;  // words per job
    const std::size_t parts = std::max<std::size_t>(1, (words + kPart - 1) / kPart);
    parallelFor(parts, std::min<unsigned>(workers, unsigned(parts)), [&](std::size_t p, unsigned) {
        unshuffleWords(in.data(), words, out, p * kPart, std::min(words, (p + 1) * kPart));
    });
    std::memcpy(out + words * 4, in.data() + words * 4, in.size() - words * 4);
}

Bytes framedCompress(std::span<const std::byte> raw, int level, std::size_t K) {
    if (K == 0 || K % 4 != 0) throw CodecError("snapshot chunk size must be a positive multiple of 4");
    const Bytes shuffled = shuffle4(raw);
    const std::size_t n = std::max<std::size_t>(1, (shuffled.size() + K - 1) / K);
    std::vector<Bytes> frames(n);
    parallelFor(n, workerCount(0, n), [&](std::size_t i, unsigned) {
        const std::size_t begin = std::min(i * K, shuffled.size());
        frames[i] = zstdCompress(std::span(shuffled).subspan(begin, std::min(K, shuffled.size() - begin)), level, false);
    });
    const std::size_t table = 16 + 8 * n;  // u64 frame bytes[n], u64 K, u32 n, "RZC1"
    std::size_t total = 8 + table;
    for (const Bytes& f : frames) total += f.size();
    Bytes out(total);
    std::byte* p = out.data();
    for (const Bytes& f : frames) {
        std::memcpy(p, f.data(), f.size());
        p += f.size();
    }
    putLe<std::uint32_t>(p, kSkippableMagic);
    putLe<std::uint32_t>(p + 4, std::uint32_t(table));
    p += 8;
    for (std::size_t i = 0; i < n; ++i) putLe<std::uint64_t>(p + 8 * i, frames[i].size());
    putLe<std::uint64_t>(p + 8 * n, K);
    putLe<std::uint32_t>(p + 8 * n + 8, std::uint32_t(n));
    putLe<std::uint32_t>(p + 8 * n + 12, kTableMagic);
    return out;
}

struct FrameTable {
    std::size_t K = 0;
    std::vector<std::size_t> offsets;  // n + 1: frame i is [offsets[i], offsets[i+1])
};

/// The frame table at the end of a framed snapshot, or nullopt for a single frame (earlier versions).
std::optional<FrameTable> findFrameTable(std::span<const std::byte> in) {
    if (in.size() < 24 || getLe<std::uint32_t>(in.data() + in.size() - 4) != kTableMagic) return std::nullopt;
    const std::uint64_t n = getLe<std::uint32_t>(in.data() + in.size() - 8);
    const std::uint64_t K = getLe<std::uint64_t>(in.data() + in.size() - 16);
    if (n == 0 || n > (in.size() - 24) / 8) return std::nullopt;
    const std::size_t table = 16 + 8 * n;
    const std::byte* header = in.data() + in.size() - table - 8;
    if (getLe<std::uint32_t>(header) != kSkippableMagic || getLe<std::uint32_t>(header + 4) != table) return std::nullopt;
    if (K == 0 || K % 4 != 0) throw CodecError("the stored snapshot has a damaged frame table");
    FrameTable t;
    t.K = K;
    t.offsets.resize(n + 1);
    const std::size_t framesEnd = in.size() - table - 8;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t size = getLe<std::uint64_t>(header + 8 + 8 * i);
        if (size > framesEnd - t.offsets[i])
            throw CodecError("the stored snapshot is truncated", CodecError::Kind::CutShort);
        t.offsets[i + 1] = t.offsets[i] + size;
    }
    if (t.offsets[n] != framesEnd) throw CodecError("the stored snapshot's frame table does not match its frames");
    return t;
}

void framedDecompressInto(std::span<const std::byte> in, const FrameTable& t, std::span<std::byte> out,
                          unsigned threads) {
    const std::size_t n = t.offsets.size() - 1;
    if ((out.size() + t.K - 1) / t.K != n && !(out.empty() && n == 1))
        throw CodecError("the stored snapshot has " + std::to_string(n) + " frames of " + std::to_string(t.K) +
                         " bytes, the row " + std::to_string(out.size()) + " bytes");
    // Frames decode into a transposed copy (not value-initialised: each byte is written once), then transpose back.
    std::unique_ptr<std::byte[]> shuffled(new std::byte[std::max<std::size_t>(1, out.size())]);
    const unsigned workers = workerCount(threads, n);
    std::vector<std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)>> dctx;
    for (unsigned w = 0; w < workers; ++w) dctx.emplace_back(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    parallelFor(n, workers, [&](std::size_t i, unsigned w) {
        if (!dctx[w]) throw CodecError("zstd: out of memory");
        const std::size_t begin = std::min(i * t.K, out.size());
        zstdDecompressInto(in.subspan(t.offsets[i], t.offsets[i + 1] - t.offsets[i]),
                           {shuffled.get() + begin, std::min(t.K, out.size() - begin)}, dctx[w].get());
    });
    unshuffle4Into({shuffled.get(), out.size()}, out.data(), workerCount(threads, 64));
}

}  // namespace

std::vector<std::byte> encodeSnapshot(std::span<const std::byte> raw, CodecId codec, int level, std::size_t chunkBytes) {
    switch (codec) {
    case CodecId::Raw: return {raw.begin(), raw.end()};
    case CodecId::Zstd: return zstdCompress(raw, level);
    case CodecId::ShuffleZstd:
        if (chunkBytes == 0) return zstdCompress(shuffle4(raw), level);
        return framedCompress(raw, level, chunkBytes);
    }
    throw CodecError("unknown snapshot codec " + std::to_string(int(codec)), CodecError::Kind::UnknownCodec);
}

void decodeSnapshotInto(std::span<const std::byte> stored, int codec, std::span<std::byte> out, unsigned threads) {
    switch (CodecId(codec)) {
    case CodecId::Raw:
        if (stored.size() != out.size())
            throw CodecError("the stored snapshot has " + std::to_string(stored.size()) + " bytes, expected " +
                             std::to_string(out.size()));
        std::memcpy(out.data(), stored.data(), out.size());
        return;
    case CodecId::Zstd: zstdDecompressInto(stored, out); return;
    case CodecId::ShuffleZstd: {
        if (const std::optional<FrameTable> t = findFrameTable(stored)) {
            framedDecompressInto(stored, *t, out, threads);
            return;
        }
        Bytes shuffled(out.size());  // a single frame (earlier versions)
        zstdDecompressInto(stored, shuffled);
        unshuffle4Into(shuffled, out.data(), 1);
        return;
    }
    }
    throw CodecError("unknown snapshot codec " + std::to_string(codec), CodecError::Kind::UnknownCodec);
}

namespace {
void checkRowSize(std::span<const std::byte> stored, int codec, std::uint64_t rawSize) {
    if (codec < 0 || codec > int(CodecId::ShuffleZstd))
        throw CodecError("unknown snapshot codec " + std::to_string(codec), CodecError::Kind::UnknownCodec);
    if (codec == int(CodecId::Raw) && stored.size() != rawSize)
        throw CodecError("the stored snapshot has " + std::to_string(stored.size()) + " bytes, expected " +
                         std::to_string(rawSize));
    if (rawSize > (std::uint64_t(1) << 36)) throw CodecError("the stored snapshot declares " + std::to_string(rawSize) + " bytes");
}
}  // namespace

std::vector<std::byte> decodeSnapshot(std::span<const std::byte> stored, int codec, std::uint64_t rawSize) {
    checkRowSize(stored, codec, rawSize);
    std::vector<std::byte> out(rawSize);
    decodeSnapshotInto(stored, codec, out);
    return out;
}

std::vector<std::byte> decodeSnapshotSequential(std::span<const std::byte> stored, int codec, std::uint64_t rawSize) {
    checkRowSize(stored, codec, rawSize);
    if (codec == int(CodecId::Raw)) return {stored.begin(), stored.end()};
    Bytes out(rawSize);
    zstdDecompressInto(stored, out);
    return codec == int(CodecId::ShuffleZstd) ? unshuffle4(out) : out;
}

}  // namespace rwkv::store

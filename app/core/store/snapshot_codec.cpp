// store/snapshot_codec.cpp — zstd (libzstd) and the 4-byte transpose; see snapshot_codec.h.
#include "snapshot_codec.h"

#include <zstd.h>

#include <cstring>
#include <memory>
#include <string>

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

std::vector<std::byte> zstdCompress(std::span<const std::byte> in, int level) {
    // With the frame's content checksum (XXH64): damaged stored bytes fail to decode instead of decoding to
    // different bytes of the right size (a bundle's state is checked this way before it is imported).
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    if (!cctx) throw CodecError("zstd: out of memory");
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
    std::vector<std::byte> out(ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) throw CodecError(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

std::vector<std::byte> zstdDecompress(std::span<const std::byte> in, std::uint64_t rawSize) {
    const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
    if (declared == ZSTD_CONTENTSIZE_ERROR) throw CodecError("the stored snapshot is not a zstd frame");
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != rawSize)
        throw CodecError("the stored snapshot declares " + std::to_string(declared) + " bytes, the row " +
                         std::to_string(rawSize));
    std::vector<std::byte> out(rawSize);
    const std::size_t n = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) throw CodecError(std::string("the stored snapshot is damaged: ") + ZSTD_getErrorName(n));
    if (n != rawSize)
        throw CodecError("the stored snapshot decodes to " + std::to_string(n) + " bytes, expected " +
                         std::to_string(rawSize));
    return out;
}

}  // namespace

std::vector<std::byte> encodeSnapshot(std::span<const std::byte> raw, CodecId codec, int level) {
    switch (codec) {
    case CodecId::Raw: return {raw.begin(), raw.end()};
    case CodecId::Zstd: return zstdCompress(raw, level);
    case CodecId::ShuffleZstd: {
        const std::vector<std::byte> shuffled = shuffle4(raw);
        return zstdCompress(shuffled, level);
    }
    }
    throw CodecError("unknown snapshot codec " + std::to_string(int(codec)));
}

std::vector<std::byte> decodeSnapshot(std::span<const std::byte> stored, int codec, std::uint64_t rawSize) {
    switch (CodecId(codec)) {
    case CodecId::Raw:
        if (stored.size() != rawSize)
            throw CodecError("the stored snapshot has " + std::to_string(stored.size()) + " bytes, expected " +
                             std::to_string(rawSize));
        return {stored.begin(), stored.end()};
    case CodecId::Zstd: return zstdDecompress(stored, rawSize);
    case CodecId::ShuffleZstd: return unshuffle4(zstdDecompress(stored, rawSize));
    }
    throw CodecError("unknown snapshot codec " + std::to_string(codec));
}

}  // namespace rwkv::store

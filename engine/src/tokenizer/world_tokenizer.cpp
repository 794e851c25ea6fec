// world_tokenizer.cpp — the RWKV World tokenizer (spec §6): vocab file parsing with full validation (§6.1),
// greedy longest match (§6.3) over a compact byte trie (children stored contiguously, sorted by byte).
// Tests: tests/engine/test_tokenizer.cpp (golden vectors in testdata/golden/tokenizer.json).
#include "rwkv/error.h"
#include "rwkv/file_kind.h"  // require_regular_file
#include "rwkv/tokenizer.h"

#include "python_literal.h"
#include "world_vocab.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>

namespace rwkv {
namespace {

constexpr int kWorldVocabSize = 65536;  // rows of emb/head
constexpr int kMaxFileId = 65529;       // ids 65530..65535 have no text (§6.2)

// Byte trie in breadth-first order: the children of node n are nodes first_[n] .. first_[n] + count_[n] - 1,
// sorted by their edge byte label_[]. About 116k nodes for the World vocab, ~1.5 MB.
class ByteTrie {
public:
    // `sorted` holds token ids ordered by their byte strings (no duplicates, none empty).
    void build(const std::vector<std::int32_t>& sorted, const std::vector<std::string_view>& bytes_of);
    // Longest token that is a prefix of text[p:]; returns its id and sets len (0 when none matches).
    std::int32_t longest_match(std::string_view text, std::size_t p, std::size_t& len) const;

private:
    std::uint32_t child(std::uint32_t node, unsigned char b) const;

    std::vector<std::uint32_t> first_;
    std::vector<std::uint16_t> count_;
    std::vector<std::uint8_t> label_;
    std::vector<std::int32_t> token_;  // id that ends at this node, or -1
    std::array<std::uint32_t, 256> root_{};  // direct child index of the root per byte (0 = none)
};

void ByteTrie::build(const std::vector<std::int32_t>& sorted, const std::vector<std::string_view>& bytes_of) {
    struct Item {
        std::uint32_t node, lo, hi, depth;  // node covers sorted[lo, hi), all sharing `depth` leading bytes
    };
    std::vector<Item> queue;
    queue.push_back({0, 0, static_cast<std::uint32_t>(sorted.size()), 0});
    first_.assign(1, 0);
    count_.assign(1, 0);
    label_.assign(1, 0);
    token_.assign(1, -1);
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Item it = queue[head];
        std::uint32_t lo = it.lo;
        if (lo < it.hi && bytes_of[sorted[lo]].size() == it.depth) token_[it.node] = sorted[lo++];
        first_[it.node] = static_cast<std::uint32_t>(token_.size());
        while (lo < it.hi) {
            const char b = bytes_of[sorted[lo]][it.depth];
            std::uint32_t hi = lo;
            while (hi < it.hi && bytes_of[sorted[hi]][it.depth] == b) ++hi;
            const auto node = static_cast<std::uint32_t>(token_.size());
            first_.push_back(0);
            count_.push_back(0);
            label_.push_back(static_cast<std::uint8_t>(b));
            token_.push_back(-1);
            queue.push_back({node, lo, hi, it.depth + 1});
            lo = hi;
        }
        count_[it.node] = static_cast<std::uint16_t>(token_.size() - first_[it.node]);
    }
    root_.fill(0);
    for (std::uint32_t k = 0; k < count_[0]; ++k) root_[label_[first_[0] + k]] = first_[0] + k;
}

std::uint32_t ByteTrie::child(std::uint32_t node, unsigned char b) const {
    if (node == 0) return root_[b];
    const auto begin = label_.begin() + first_[node];
    const auto end = begin + count_[node];
    const auto hit = std::lower_bound(begin, end, b);
    return (hit != end && *hit == b) ? static_cast<std::uint32_t>(hit - label_.begin()) : 0;
}

std::int32_t ByteTrie::longest_match(std::string_view text, std::size_t p, std::size_t& len) const {
    std::int32_t best = -1;
    len = 0;
    std::uint32_t node = 0;
    for (std::size_t j = p; j < text.size(); ++j) {
        node = child(node, static_cast<unsigned char>(text[j]));
        if (node == 0) break;
        if (token_[node] >= 0) {
            best = token_[node];
            len = j - p + 1;
        }
    }
    return best;
}

class WorldTokenizer final : public Tokenizer {
public:
    WorldTokenizer(std::string blob, std::vector<std::uint32_t> offsets);

    std::vector<std::int32_t> encode(std::string_view text) const override;
    std::string decode(std::span<const std::int32_t> ids) const override;
    std::string_view token_bytes(std::int32_t id) const override;
    int vocab_size() const noexcept override { return kWorldVocabSize; }
    std::string_view name() const noexcept override { return "world"; }

private:
    std::string blob_;                     // all token bytes, id order
    std::vector<std::uint32_t> offsets_;   // [n_file_ids + 2]: bytes of id are blob_[offsets_[id], offsets_[id+1])
    ByteTrie trie_;
};

WorldTokenizer::WorldTokenizer(std::string blob, std::vector<std::uint32_t> offsets)
    : blob_(std::move(blob)), offsets_(std::move(offsets)) {
    const auto n_ids = static_cast<std::int32_t>(offsets_.size() - 1);  // ids 0 .. n_ids - 1
    std::vector<std::string_view> bytes_of(static_cast<std::size_t>(n_ids));
    std::vector<std::int32_t> sorted;
    sorted.reserve(static_cast<std::size_t>(n_ids));
    for (std::int32_t id = 1; id < n_ids; ++id) {
        bytes_of[id] = token_bytes(id);
        sorted.push_back(id);
    }
    // Sort by byte string; an 8-byte big-endian prefix key settles almost every comparison without memcmp.
    std::vector<std::uint64_t> key(bytes_of.size(), 0);
    for (std::int32_t id = 1; id < n_ids; ++id)
        for (std::size_t k = 0; k < 8; ++k)
            key[id] = (key[id] << 8) | (k < bytes_of[id].size() ? static_cast<unsigned char>(bytes_of[id][k]) : 0u);
    std::sort(sorted.begin(), sorted.end(), [&](std::int32_t a, std::int32_t b) {
        return key[a] != key[b] ? key[a] < key[b] : bytes_of[a] < bytes_of[b];
    });
    for (std::size_t k = 1; k < sorted.size(); ++k) {
        if (bytes_of[sorted[k - 1]] == bytes_of[sorted[k]]) {
            throw Error(ErrorCode::CorruptFile,
                        std::to_string(std::max(sorted[k - 1], sorted[k])) + ": token repeats the one on line " +
                            std::to_string(std::min(sorted[k - 1], sorted[k])));
        }
    }
    trie_.build(sorted, bytes_of);
}

std::vector<std::int32_t> WorldTokenizer::encode(std::string_view text) const {
    std::vector<std::int32_t> ids;
    ids.reserve(text.size() / 3 + 1);
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t len = 0;
        const std::int32_t id = trie_.longest_match(text, p, len);
        if (id < 0) throw Error(ErrorCode::Internal, "world tokenizer: no token for a byte (vocab was validated)");
        ids.push_back(id);
        p += len;
    }
    return ids;
}

std::string WorldTokenizer::decode(std::span<const std::int32_t> ids) const {
    std::string out;
    for (const std::int32_t id : ids) out.append(token_bytes(id));
    return out;
}

std::string_view WorldTokenizer::token_bytes(std::int32_t id) const {
    if (id < 0 || id >= kWorldVocabSize)
        throw Error(ErrorCode::InvalidToken,
                    "token id " + std::to_string(id) + " is outside [0, " + std::to_string(kWorldVocabSize) + ")");
    if (id == 0 || static_cast<std::size_t>(id) + 1 >= offsets_.size()) return {};
    return std::string_view(blob_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
}

// Parses a non-negative decimal with no sign, spaces or leading '+'.
bool parse_decimal(std::string_view s, long long& value) {
    if (s.empty() || s.size() > 12) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size() && value >= 0;
}

std::string read_file(const std::filesystem::path& path) {
    // A folder opens as a stream here, and its size read as the end's offset is 2^63 - 1: "std::bad_alloc" was all
    // rwkv-cli said of --vocab /tmp (session 55's trial). Said as MappedFile::open says a folder given as a model.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error(ErrorCode::InvalidArgument, path.string() + ": is a directory, not a vocabulary file (such as "
                                                                "rwkv_vocab_v20230424.txt)");
    // A pipe (--vocab <(cat vocab.txt)) was "cannot determine the file size", a device (/dev/urandom) "the vocabulary
    // file is empty" (session 55's trial2): refused as a model or a state file is, by what the path is.
    require_regular_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::FileNotFound, path.string() + ": cannot open the vocabulary file");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) throw Error(ErrorCode::Io, path.string() + ": cannot determine the file size");
    std::string data(static_cast<std::size_t>(size), '\0');
    if (!in.read(data.data(), size)) throw Error(ErrorCode::Io, path.string() + ": read failed");
    return data;
}

}  // namespace

std::unique_ptr<Tokenizer> load_world_tokenizer(const std::filesystem::path& vocab_file) {
    return detail::parse_world_vocabulary(read_file(vocab_file), vocab_file.string());
}

namespace detail {

std::unique_ptr<Tokenizer> parse_world_vocabulary(std::string_view data, const std::string& name) {
    std::string blob;
    blob.reserve(400'000);
    std::vector<std::uint32_t> offsets{0, 0};  // id 0 has no bytes
    std::string bytes, why;
    long long line_no = 0;
    auto fail = [&](const std::string& msg) -> Error {
        return Error(ErrorCode::CorruptFile, name + ":" + std::to_string(line_no) + ": " + msg);
    };
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t end = data.find('\n', pos);
        if (end == std::string::npos) end = data.size();
        const std::string_view line(data.data() + pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (line.find('\r') != std::string_view::npos) throw fail("carriage return in line (LF line ends expected)");
        const std::size_t first = line.find(' ');
        const std::size_t last = line.rfind(' ');
        if (first == std::string_view::npos || first == last)
            throw fail("expected '<id> <literal> <length>'");
        long long id = 0, len = 0;
        if (!parse_decimal(line.substr(0, first), id)) throw fail("id is not a decimal number");
        if (id != line_no)
            throw fail("id " + std::to_string(id) + " out of sequence (ids must be 1, 2, ... in order)");
        if (id > kMaxFileId) throw fail("id " + std::to_string(id) + " above " + std::to_string(kMaxFileId));
        if (!detail::decode_python_literal(line.substr(first + 1, last - first - 1), bytes, why))
            throw fail("bad literal: " + why);
        if (!parse_decimal(line.substr(last + 1), len)) throw fail("length column is not a decimal number");
        if (bytes.empty()) throw fail("empty token");
        if (static_cast<std::size_t>(len) != bytes.size())
            throw fail("length column says " + std::to_string(len) + " but the token has " +
                       std::to_string(bytes.size()) + " bytes");
        blob += bytes;
        offsets.push_back(static_cast<std::uint32_t>(blob.size()));
    }
    if (line_no == 0) throw Error(ErrorCode::CorruptFile, name + ": the vocabulary file is empty");
    // Every single byte must be a token, or greedy matching could get stuck (spec §6.2: ids 1..256).
    std::array<bool, 256> single{};
    for (std::size_t id = 1; id + 1 < offsets.size(); ++id)
        if (offsets[id + 1] - offsets[id] == 1) single[static_cast<unsigned char>(blob[offsets[id]])] = true;
    for (int b = 0; b < 256; ++b) {
        if (!single[b]) {
            static const char* hex = "0123456789abcdef";
            throw Error(ErrorCode::CorruptFile, name + ": no token for the single byte 0x" +
                                                    std::string{hex[b >> 4], hex[b & 15]});
        }
    }
    try {
        return std::make_unique<WorldTokenizer>(std::move(blob), std::move(offsets));
    } catch (const Error& e) {
        if (e.code() == ErrorCode::CorruptFile) throw Error(ErrorCode::CorruptFile, name + ":" + e.what());
        throw;
    }
}

}  // namespace detail
}  // namespace rwkv

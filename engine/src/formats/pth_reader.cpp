// Official PyTorch .pth reader (spec §2.4): ZIP index -> restricted unpickle of data.pkl -> zero-copy
// views into the data/<key> storages, then the canonical transforms (add_official, LoRA transposed).
#include <string_view>

#include "formats/pickle.h"
#include "formats/readers.h"
#include "formats/zip_reader.h"

namespace rwkv::formats {

WeightSet read_pth(std::shared_ptr<const MappedFile> file, bool index_only) {
    const MappedFile& f = *file;
    ZipReader zip(f);

    // data.pkl sits under one top-level folder of arbitrary name (or at the root).
    const ZipEntry* pkl = nullptr;
    for (const auto& e : zip.entries()) {
        const std::string_view n = e.name;
        const bool match = n == "data.pkl" || (n.size() > 9 && n.substr(n.size() - 9) == "/data.pkl" &&
                                               n.find('/') == n.size() - 9);
        if (match) {
            if (pkl) fail(ErrorCode::CorruptFile, f, "archive holds more than one data.pkl");
            pkl = &e;
        }
    }
    if (!pkl) fail(ErrorCode::UnsupportedFormat, f, "ZIP archive without data.pkl: not a PyTorch checkpoint");
    const std::string dir = pkl->name.substr(0, pkl->name.size() - 8);  // "<dir>/" or ""

    if (const ZipEntry* bo = zip.find(dir + "byteorder")) {
        auto d = zip.data(*bo);
        const std::string_view s(reinterpret_cast<const char*>(d.data()), d.size());
        if (s != "little") fail(ErrorCode::UnsupportedFormat, f, "big-endian PyTorch checkpoint (byteorder '" + std::string(s.substr(0, 16)) + "')");
    }

    const auto records = unpickle_state_dict(zip.data(*pkl), f.name());

    WeightSet ws;
    ws.format = CheckpointFormat::Pth;
    ws.path = f.path();
    ws.keep_alive(file);
    for (const auto& [name, t] : records) {
        const ZipEntry* e = zip.find(dir + "data/" + t.storage_key);
        if (!e) fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + ": storage entry data/" + quoted_name(t.storage_key) + " is missing");
        const auto storage = zip.data(*e);
        const std::size_t es = dtype_size(t.dtype);
        const std::int64_t numel = checked_numel(t.size, f, name);
        if (t.storage_numel > static_cast<std::int64_t>(storage.size() / es))
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + ": storage data/" + quoted_name(t.storage_key) + " holds " +
                                                std::to_string(storage.size()) + " bytes, fewer than its " +
                                                std::to_string(t.storage_numel) + " elements");
        if (t.stride.size() != t.size.size())
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + ": size and stride differ in rank");
        std::int64_t expect = 1;
        for (std::size_t d = t.size.size(); d-- > 0;) {
            if (t.size[d] != 1 && t.stride[d] != expect)
                fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + " is not contiguous row-major (size " + shape_str(t.size) +
                                                    ", stride " + shape_str(t.stride) + ")");
            expect *= t.size[d];
        }
        if (t.offset < 0 || t.offset > t.storage_numel || numel > t.storage_numel - t.offset)
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + " (offset " + std::to_string(t.offset) + ", " +
                                                std::to_string(numel) + " elements) extends past its storage of " +
                                                std::to_string(t.storage_numel) + " elements");
        TensorView v;
        v.dtype = t.dtype;
        v.shape = t.size;
        v.data = storage.data() + static_cast<std::size_t>(t.offset) * es;
        v.nbytes = static_cast<std::size_t>(numel) * es;
        add_official(ws, f, name, std::move(v), LoraLayout::InOut, index_only);
    }
    return ws;
}

}  // namespace rwkv::formats

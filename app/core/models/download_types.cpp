// models/download_types.cpp — source keys (see download_types.h).
#include "download_types.h"

namespace rwkv::models {

QString sourceKey(Source source) {
    switch (source) {
    case Source::Auto: return QStringLiteral("auto");
    case Source::HuggingFace: return QStringLiteral("huggingface");
    case Source::HfMirror: return QStringLiteral("hf-mirror");
    case Source::ModelScope: return QStringLiteral("modelscope");
    }
    return {};
}

std::optional<Source> sourceFromKey(const QString& key) {
    for (Source s : {Source::Auto, Source::HuggingFace, Source::HfMirror, Source::ModelScope})
        if (sourceKey(s) == key)
            return s;
    return std::nullopt;
}

}  // namespace rwkv::models

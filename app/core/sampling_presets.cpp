// sampling_presets.cpp — see sampling_presets.h.
#include "sampling_presets.h"

namespace rwkv::app {

QStringList samplingPresetNames() {
    return {QStringLiteral("chat"), QStringLiteral("precise"), QStringLiteral("creative")};
}

std::optional<SamplerParams> samplingPreset(const QString& name) {
    SamplerParams p;  // defaults = the official chat demo: T 1.0, top-p 0.3, presence 0.5, frequency 0.5
    if (name == QLatin1String("chat")) return p;
    if (name == QLatin1String("precise")) {
        p.temperature = 1.0f;
        p.top_p = 0.1f;
        p.presence_penalty = 0.3f;
        p.frequency_penalty = 0.3f;
        return p;
    }
    if (name == QLatin1String("creative")) {
        p.temperature = 1.2f;
        p.top_p = 0.6f;
        p.presence_penalty = 0.4f;
        p.frequency_penalty = 0.4f;
        return p;
    }
    return std::nullopt;
}

SamplerParams withSamplingPreset(const SamplerParams& base, const QString& name) {
    const std::optional<SamplerParams> preset = samplingPreset(name);
    if (!preset) return base;
    SamplerParams out = *preset;
    out.seed = base.seed;
    return out;
}

SamplerParams withPenaltiesForVocabulary(SamplerParams params, int vocabSize) {
    if (vocabSize == 256) {
        params.presence_penalty = 0;
        params.frequency_penalty = 0;
    }
    return params;
}

}  // namespace rwkv::app

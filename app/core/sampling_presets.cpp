// sampling_presets.cpp — see sampling_presets.h.
#include "sampling_presets.h"

#include <mutex>

namespace rwkv::app {
namespace {

std::mutex customMutex;
CustomSampling customValues;  // guarded by customMutex: set on the GUI thread, read by the API server's too

}  // namespace

void setCustomSampling(const CustomSampling& custom) {
    const std::lock_guard lock(customMutex);
    customValues = custom;
    customValues.sampler.seed = 0;
}

CustomSampling customSampling() {
    const std::lock_guard lock(customMutex);
    return customValues;
}

QStringList samplingPresetNames() {
    return {QStringLiteral("chat"), QStringLiteral("precise"), QStringLiteral("creative"), QStringLiteral("custom")};
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
    if (name == QLatin1String("custom")) return customSampling().sampler;
    return std::nullopt;
}

SamplerParams withSamplingPreset(const SamplerParams& base, const QString& name) {
    const std::optional<SamplerParams> preset = samplingPreset(name);
    if (!preset) return base;
    SamplerParams out = *preset;
    out.seed = base.seed;
    return out;
}

int samplingPresetMaxTokens(const QString& name, int fallback) {
    return name == QLatin1String("custom") ? customSampling().maxTokens : fallback;
}

SamplerParams withPenaltiesForVocabulary(SamplerParams params, int vocabSize) {
    if (vocabSize == 256) {
        params.presence_penalty = 0;
        params.frequency_penalty = 0;
    }
    return params;
}

}  // namespace rwkv::app

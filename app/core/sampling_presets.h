// sampling_presets.h — the named sampling presets a conversation can choose (conversations.sampling_preset).
// Values: "chat" is the official chat demo (RWKV-7 spec §8.5); "precise" narrows top-p for factual answers;
// "creative" widens it; "custom" takes the values the user set in Settings (AppSettings, published here with
// setCustomSampling). Tested in tests/app/test_chat_branches.cpp and tests/app/test_app_settings.cpp.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "rwkv/sampler.h"

namespace rwkv::app {

/// The longest reply of a chat turn, in tokens, for every preset but "custom" (ChatParams::maxTokens).
inline constexpr int kDefaultReplyTokens = 512;

/// The "custom" preset: the sampler the user set (seed 0) and the longest reply in tokens.
struct CustomSampling {
    SamplerParams sampler;
    int maxTokens = kDefaultReplyTokens;
};

/// The preset names, in the order a menu shows them.
QStringList samplingPresetNames();
/// The sampler settings of a preset (seed 0), or nullopt for an empty or unknown name (= the app default).
std::optional<SamplerParams> samplingPreset(const QString& name);
/// `base` with a preset's settings: the preset's sampler keeping base's seed, or `base` itself for an empty or
/// unknown name (= the app default).
SamplerParams withSamplingPreset(const SamplerParams& base, const QString& name);
/// The longest reply of a turn on preset `name`: custom's maxTokens for "custom", `fallback` (the turn's
/// ChatParams::maxTokens) for any other name.
int samplingPresetMaxTokens(const QString& name, int fallback);
/// Sets what "custom" samples with from now on, for every thread (the app's wiring calls it with AppSettings'
/// values at start and at each change; until then "custom" is the "chat" preset with kDefaultReplyTokens).
void setCustomSampling(const CustomSampling& custom);
/// What "custom" samples with now.
CustomSampling customSampling();
/// `params` for a model with `vocabSize` tokens: without repetition penalties on a byte-level vocabulary (256 tokens,
/// the demo model), where every letter is a token, so penalties would soon push all common letters away and the reply
/// drift into random symbols; penalties apply to words only. The chat's turns and the API's replies both sample so.
SamplerParams withPenaltiesForVocabulary(SamplerParams params, int vocabSize);

}  // namespace rwkv::app

// app_settings_sampling.cpp — AppSettings' "custom" sampling preset (Settings → Custom sampling, the --set keys
// customTemperature ... customMaxTokens); see app_settings.h.
#include "app_settings.h"

#include <cmath>

namespace rwkv::app {
namespace {

/// One custom value: its name (QML, customSamplingValues), its range, the decimals shown and the SamplerParams member
/// it sets (null: the reply length, CustomSampling::maxTokens).
struct Field {
    const char* name;
    double min;
    double max;
    int decimals;
    float SamplerParams::*member;
};

// The engine accepts any temperature and top-p >= 0, any finite penalty and a decay in [0, 1] (rwkv/sampler.h);
// these are the ranges a person has a use for, as the local API takes them (api_request.cpp; penalties not below 0,
// which would favour repeating): temperature or top-p 0 is greedy, top-p 1 no nucleus cut, a penalty 0 none.
constexpr Field kFields[] = {
    {"temperature", 0.0, 2.0, 2, &SamplerParams::temperature},
    {"topP", 0.0, 1.0, 2, &SamplerParams::top_p},
    {"presencePenalty", 0.0, 2.0, 2, &SamplerParams::presence_penalty},
    {"frequencyPenalty", 0.0, 2.0, 2, &SamplerParams::frequency_penalty},
    {"penaltyDecay", 0.0, 1.0, 3, &SamplerParams::penalty_decay},
    {"maxTokens", 1.0, 8192.0, 0, nullptr},
};

const Field* field(const QString& name) {
    for (const Field& f : kFields)
        if (name == QLatin1String(f.name)) return &f;
    return nullptr;
}

bool accepts(const Field& f, double value) {
    return std::isfinite(value) && value >= f.min && value <= f.max && (f.decimals > 0 || value == std::floor(value));
}

QString settingsKey(const Field& f) { return QStringLiteral("customSampling/") + QLatin1String(f.name); }

SamplerParams chatPreset() { return samplingPreset(QStringLiteral("chat")).value_or(SamplerParams{}); }

// The "chat" preset's value of a field: what Custom starts from and reads when nothing valid is stored.
double chatValue(const Field& f) { return f.member ? double(chatPreset().*f.member) : double(kDefaultReplyTokens); }

QString rangeText(const Field& f) {
    return f.decimals == 0 ? QStringLiteral("a whole number from %1 to %2").arg(f.min).arg(f.max)
                           : QStringLiteral("a number from %1 to %2").arg(f.min).arg(f.max);
}

}  // namespace

QVariantList AppSettings::customSamplingFields() {
    QVariantList fields;
    for (const Field& f : kFields)
        fields << QVariantMap{{QStringLiteral("name"), QLatin1String(f.name)},
                              {QStringLiteral("min"), f.min},
                              {QStringLiteral("max"), f.max},
                              {QStringLiteral("decimals"), f.decimals}};
    return fields;
}

QVariantMap AppSettings::customSamplingValues() const {
    QVariantMap values;
    for (const Field& f : kFields) {
        bool ok = false;
        const double v = settings_->value(settingsKey(f)).toDouble(&ok);
        values.insert(QLatin1String(f.name), ok && accepts(f, v) ? v : chatValue(f));
    }
    return values;
}

CustomSampling AppSettings::customSampling() const {
    const QVariantMap v = customSamplingValues();
    CustomSampling custom;
    custom.sampler = chatPreset();
    for (const Field& f : kFields) {
        const QVariant value = v.value(QLatin1String(f.name));
        if (f.member) custom.sampler.*f.member = value.toFloat();
        else custom.maxTokens = value.toInt();
    }
    return custom;
}

bool AppSettings::setCustomSamplingValue(const QString& name, double value) {
    const Field* f = field(name);
    if (!f || !accepts(*f, value)) return false;
    const bool changed = customSamplingValues().value(name).toDouble() != value;
    store(settingsKey(*f), value);
    if (changed) emit customSamplingChanged();
    return true;
}

void AppSettings::resetCustomSampling() {
    const QVariantMap before = customSamplingValues();
    for (const Field& f : kFields) store(settingsKey(f), {});
    if (customSamplingValues() != before) emit customSamplingChanged();
}

std::optional<bool> AppSettings::applyCustomSampling(const QString& key, const QString& value, QString* whyNot) {
    if (!key.startsWith(QLatin1String("custom")) || key.size() <= 6) return std::nullopt;
    const QString name = key.mid(6, 1).toLower() + key.mid(7);  // customTopP -> topP
    const Field* f = field(name);
    if (!f) return std::nullopt;
    bool ok = false;
    const double v = value.toDouble(&ok);
    if (ok && setCustomSamplingValue(name, v)) return true;
    if (whyNot) *whyNot = QStringLiteral("%1 must be %2").arg(key, rangeText(*f));
    return false;
}

}  // namespace rwkv::app

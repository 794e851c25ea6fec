// models/network_problem.h — a failed request's QNetworkReply::NetworkError in words for people ("no network or no
// DNS: cannot find huggingface.co"), used by DownloadTask for its retry and failure messages.
// Tests: tests/app/test_model_manager.cpp (noNetworkIsSaidAtOnce).
#pragma once

#include "wording.h"

#include <QNetworkReply>
#include <QString>

namespace rwkv::models {

/// True for the errors that mean this computer reaches no network at all, or cannot resolve names (no DNS):
/// HostNotFoundError, TemporaryNetworkFailureError, NetworkSessionFailedError, UnknownNetworkError.
bool isNoNetworkError(QNetworkReply::NetworkError error);

/// One clause, starting lower-case (worded where it is shown): what went wrong with `host`, from the error code. `qtText` is
/// QNetworkReply::errorString(), kept in brackets where the code alone says too little (TLS, proxy, other).
Wording describeNetworkError(QNetworkReply::NetworkError error, const QString& host, const QString& qtText);

}  // namespace rwkv::models

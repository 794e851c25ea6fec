// models/network_problem.cpp — see network_problem.h.
#include "network_problem.h"

namespace rwkv::models {

bool isNoNetworkError(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

Wording describeNetworkError(QNetworkReply::NetworkError error, const QString& host, const QString& qtText) {
    const auto said = [](const char* text, std::vector<Wording> args) {
        return Wording("rwkv::models", text, std::move(args));
    };
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "no network or no DNS: cannot find %1"), {host});
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "no network connection (%1)"), {qtText});
    case QNetworkReply::ConnectionRefusedError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "%1 refused the connection"), {host});
    case QNetworkReply::RemoteHostClosedError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "%1 closed the connection"), {host});
    case QNetworkReply::TimeoutError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "%1 did not answer in time"), {host});
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "no secure connection to %1 (%2)"), {host, qtText});
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return said(QT_TRANSLATE_NOOP("rwkv::models", "the network proxy failed (%1); check the system proxy settings"),
                    {qtText});
    default:
        return Wording(qtText);
    }
}

}  // namespace rwkv::models

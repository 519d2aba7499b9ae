// Stoplight Prism as a validating proxy (`prism proxy --errors`) in front of a lab server, for
// the conformance suites: requests go to url(), Prism checks each request and answer against the
// Benchling spec, answers 422 for a request the spec forbids (without forwarding it) and 500 for
// an answer that breaks it, and lists each problem in the `sl-violations` header and its log.
#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace benchtop::test {

struct PrismViolation
{
    bool error = false; // severity Error (else Warning, Info, Hint)
    QString text;       // "[Error] query.pageSize: must be <= 100 (maximum)"
};

class PrismProxy
{
public:
    // `prism`: the executable (scripts/setup.sh installs it into build/prism); `spec`: the
    // OpenAPI document (tests/conformance/benchling-openapi.prism.json).
    PrismProxy(QString prism, QString spec);
    ~PrismProxy(); // stops Prism
    PrismProxy(const PrismProxy &) = delete;
    PrismProxy &operator=(const PrismProxy &) = delete;

    // Starts Prism on a free loopback port in front of `upstream` (the server's root: the spec's
    // paths carry /api/v2) and waits until it answers; false with *error saying why.
    bool start(const QUrl &upstream, QString *error);
    void stop();

    QUrl url() const { return m_url; }
    // Prism's output so far (the last `tail` bytes; all when tail < 0).
    QString log(qsizetype tail = 4000) const;

    // The sl-violations header: a JSON array of {location: [...], severity, code, message};
    // severity is "Error"/"Warning"/... or the number (0 = Error). An unreadable header (Prism
    // truncates long ones) counts as one error and is put in *problem.
    static QList<PrismViolation> parseViolations(const QByteArray &header, QString *problem);

private:
    QString m_prism;
    QString m_spec;
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};

} // namespace benchtop::test

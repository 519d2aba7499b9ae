// The one interface through which the app starts the lab server inside its own process: on a
// thread of its own (so no request ever stalls the GUI), on loopback, on a free port, with a
// fresh API key for this session.
#pragma once

#include <QString>
#include <QUrl>

#include <memory>

namespace benchtop::server {

class EmbeddedLabServer
{
public:
    explicit EmbeddedLabServer(QString databasePath);
    ~EmbeddedLabServer(); // stops the server and its thread
    EmbeddedLabServer(const EmbeddedLabServer &) = delete;
    EmbeddedLabServer &operator=(const EmbeddedLabServer &) = delete;

    // Blocks until the server listens (or fails, with *error set).
    bool start(QString *error);

    QUrl baseUrl() const;
    QString apiKey() const; // valid until the next start of an embedded server on this data
    QString databasePath() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchtop::server

// The whole app on a server, for the GUI suites that drive the main window (tests/tst_ui_*.cpp,
// which link benchtop_app): a session with an API key and its main window.
#pragma once

#include "app/MainWindow.h"
#include "app/Session.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace benchtop::test {

struct AppWindow
{
    std::unique_ptr<app::Session> session;
    std::unique_ptr<app::MainWindow> window;

    // Opens a session on `server` and builds (does not show) its window; empty on success, else
    // why not (a helper cannot fail the test itself: QVERIFY would only leave the helper).
    QString open(const QUrl &server, const QString &apiKey)
    {
        app::SessionOptions options;
        options.server = server;
        options.apiKey = apiKey;
        QString error;
        session = app::Session::open(options, &error);
        if (!session)
            return error.isEmpty() ? QStringLiteral("no session") : error;
        window = std::make_unique<app::MainWindow>(session.get());
        return {};
    }

    // The window goes before the session it shows.
    void close()
    {
        window.reset();
        session.reset();
    }
    ~AppWindow() { close(); }
};

} // namespace benchtop::test

#include "ConnectionController.h"
#include "ConnectionProfiles.h"
#include "MainWindow.h"
#include "ScreenshotRunner.h"
#include "Session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;
using benchtop::app::MainWindow;
using benchtop::app::ScreenshotRunner;
using benchtop::app::Session;
using benchtop::app::SessionOptions;

namespace {

void installTranslations(QApplication &app)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(QLocale(), u"benchtop"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(ours);
}

} // namespace

int main(int argc, char *argv[])
{
    // Without a display, run offscreen rather than abort: `--screenshot` still shows the result.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Benchtop"_s);
    QApplication::setApplicationName(u"benchtop"_s);
    QApplication::setApplicationDisplayName(u"Benchtop"_s);
    QApplication::setApplicationVersion(QStringLiteral(BENCHTOP_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Benchtop: a desktop client for Benchling and Benchtop lab servers.\n"
                "With no --server, it runs its own lab server with demo data."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption server(
        u"server"_s,
        QApplication::translate("main", "Benchling tenant or team lab server URL (the API key "
                                        "comes from the BENCHTOP_API_KEY environment variable)."),
        u"url"_s, qEnvironmentVariable("BENCHTOP_SERVER"));
    QCommandLineOption dataDir(
        u"data-dir"_s,
        QApplication::translate("main", "Folder for the embedded lab server's data."), u"dir"_s,
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    QCommandLineOption screenshot(
        u"screenshot"_s,
        QApplication::translate("main", "Save a picture of the loaded main window and exit."),
        u"file"_s);
    QCommandLineOption profile(
        u"profile"_s,
        QApplication::translate("main", "Connect with this connection profile (default: the "
                                        "one used last; Connection > Connections… edits them)."),
        u"name"_s);
    QCommandLineOption screenshotView(
        u"screenshot-view"_s,
        QApplication::translate("main", "With --screenshot: what to show: inventory (default), "
                                        "inventory-boxes, plate, find:BARCODE-OR-NAME, "
                                        "sequence:NAME, protein:NAME, sequence-file:PATH or "
                                        "notebook."),
        u"view"_s);
    parser.addOptions({server, dataDir, screenshot, screenshotView, profile});
    parser.process(app);

    SessionOptions options;
    options.server = Session::serverUrl(parser.value(server));
    options.apiKey = qEnvironmentVariable("BENCHTOP_API_KEY");
    options.dataDir = parser.value(dataDir);
    options.cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);

    QString error;
    // No server named on the command line: the chosen (or last used) connection profile.
    const QString profileName =
        parser.isSet(profile)
            ? parser.value(profile)
            : (options.server.isEmpty() ? benchtop::app::ConnectionProfiles().activeName()
                                        : QString());
    if (!profileName.isEmpty() && options.server.isEmpty()) {
        const benchtop::app::LoadedProfile loaded = benchtop::app::loadProfile(profileName);
        if (loaded.ok()) {
            options = benchtop::app::sessionOptions(loaded.profile, loaded.secret, options.dataDir);
        } else if (parser.isSet(profile)) {
            std::fprintf(stderr, "benchtop: %s\n", qPrintable(loaded.error));
            return 1;
        } else {
            std::fprintf(stderr, "benchtop: %s; using the embedded lab server\n",
                         qPrintable(loaded.error));
        }
    }
    std::unique_ptr<Session> session = Session::open(options, &error);
    if (!session) {
        std::fprintf(stderr, "benchtop: %s\n", qPrintable(error));
        if (!parser.isSet(screenshot) && QGuiApplication::platformName() != u"offscreen"_s)
            QMessageBox::critical(nullptr, QApplication::translate("main", "Benchtop"), error);
        return 1;
    }

    MainWindow window(session.get());
    window.connections()->setDataDir(options.dataDir);
    window.connections()->adopt(std::move(session)); // so switching can close it
    window.show();

    if (parser.isSet(screenshot)) {
        auto *runner = new ScreenshotRunner(&window, parser.value(screenshot), 120'000, &app);
        runner->setView(parser.value(screenshotView));
        QObject::connect(
            runner, &ScreenshotRunner::done, &app, [](int exitCode, const QString &message) {
                std::fprintf(exitCode == 0 ? stdout : stderr, "%s\n", qPrintable(message));
                QCoreApplication::exit(exitCode);
            });
        runner->setView(parser.value(screenshotView));
        runner->start();
    }
    return QApplication::exec();
}

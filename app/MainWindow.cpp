#include "MainWindow.h"

#include "ActivityIndicator.h"
#include "ConnectionController.h"
#include "ConnectionDialog.h"
#include "ConnectionProfiles.h"
#include "Session.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "widgets/ComingSoonPage.h"
#include "widgets/InventoryView.h"
#include "widgets/OfflineBanner.h"
#include "widgets/notebook/NotebookView.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

namespace benchtop::app {

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_locations(new models::LocationTreeModel(session->client(), session->store(), this))
    , m_inventory(new widgets::InventoryView(m_locations, this))
    , m_pages(new QStackedWidget(this))
    , m_offlineBanner(new widgets::OfflineBanner(this))
    , m_connectionLabel(new QLabel(this))
{
    setWindowTitle(tr("Benchtop"));
    resize(1100, 720);

    m_pages->insertWidget(InventoryPage, m_inventory);
    m_pages->insertWidget(SequencesPage,
                          new widgets::ComingSoonPage(
                              tr("Sequences"),
                              tr("Read and edit DNA, RNA and protein sequences with annotation "
                                 "tracks, linear and circular maps."),
                              this));
    createNotebook();

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createNavigation());
    // The offline banner sits above whichever page is shown.
    auto *pageColumn = new QVBoxLayout;
    pageColumn->setSpacing(0);
    pageColumn->addWidget(m_offlineBanner);
    pageColumn->addWidget(m_pages, 1);
    layout->addLayout(pageColumn, 1);
    setCentralWidget(central);
    models::ApiClient *client = session->client();
    connect(client, &models::ApiClient::connectivityChanged, m_offlineBanner,
            [this, client](bool online) {
                m_offlineBanner->setOffline(!online, client->lastSeenAt());
            });
    connect(m_offlineBanner, &widgets::OfflineBanner::retryRequested, client,
            &models::ApiClient::probeNow);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<Page, QString>> pages = {{InventoryPage, tr("&Inventory")},
                                                   {SequencesPage, tr("&Sequences")},
                                                   {NotebookPage, tr("&Notebook")}};
    for (const auto &[page, label] : pages) {
        QAction *action = view->addAction(label, this, [this, p = page] { showPage(p); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + int(page))));
    }

    m_connectionLabel->setText(session->description());
    m_connectionLabel->setObjectName(QStringLiteral("connection"));
    m_activity = new ActivityIndicator(this);
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_connectionLabel);
    createConnectionMenu();
    connect(m_locations, &models::LocationTreeModel::loadFailed, this,
            [this](const QModelIndex &, const QString &message) {
                statusBar()->showMessage(message, 10'000);
            });
    showPage(InventoryPage);
}

// The Notebook page; a click on a link to a sample or sequence shows the page that holds it.
void MainWindow::createNotebook()
{
    m_notebook = new widgets::notebook::NotebookView(m_session->client(), m_session->store(), this);
    m_pages->insertWidget(NotebookPage, m_notebook);
    connect(m_notebook, &widgets::notebook::NotebookView::openResourceRequested, this,
            [this](const QString &type, const QString &id) {
                const bool sequence = type.endsWith(u"_sequence") || type == u"custom_entity";
                showPage(sequence ? SequencesPage : InventoryPage);
                statusBar()->showMessage(tr("Linked %1: %2").arg(type, id), 10'000);
            });
}

void MainWindow::createConnectionMenu()
{
    m_connections = new ConnectionController(this);
    QMenu *menu = menuBar()->addMenu(tr("&Connection"));
    QAction *open = menu->addAction(tr("&Connections…"), this, [this] { openConnectionDialog(); });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_connections, &ConnectionController::activated, this, &MainWindow::setSession);
    connect(m_connections, &ConnectionController::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15'000); });
}

ConnectionDialog *MainWindow::openConnectionDialog()
{
    if (!m_connections->profiles())
        m_connections->setProfiles(new ConnectionProfiles);
    auto *dialog = new ConnectionDialog(m_connections->profiles(), m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionDialog::activateRequested, m_connections,
            &ConnectionController::activate);
    connect(m_connections, &ConnectionController::activated, dialog, &QDialog::accept);
    dialog->show();
    return dialog;
}

void MainWindow::setSession(Session *session)
{
    const bool inventoryShown = currentPage() == InventoryPage;
    const bool notebookShown = currentPage() == NotebookPage;
    // The views and models of the old session go first; the session itself goes after this.
    m_pages->removeWidget(m_inventory);
    delete m_inventory;
    delete m_locations;
    m_session = session;
    m_locations = new models::LocationTreeModel(session->client(), session->store(), this);
    m_inventory = new widgets::InventoryView(m_locations, this);
    m_pages->insertWidget(InventoryPage, m_inventory);
    connect(m_locations, &models::LocationTreeModel::loadFailed, this,
            [this](const QModelIndex &, const QString &message) {
                statusBar()->showMessage(message, 10'000);
            });
    m_pages->removeWidget(m_notebook);
    delete m_notebook;
    createNotebook();
    if (notebookShown)
        m_pages->setCurrentIndex(NotebookPage);
    m_connectionLabel->setText(session->description());
    if (inventoryShown)
        m_pages->setCurrentIndex(InventoryPage);
    statusBar()->showMessage(tr("Connected: %1").arg(session->description()), 5'000);
}

QString MainWindow::connectionText() const
{
    return m_connectionLabel->text();
}

QWidget *MainWindow::createNavigation()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(170);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral(
        "#navigation { background: palette(window); border-right: 1px solid palette(mid); "
        "padding-top: 8px; } #navigation::item { padding: 8px 10px; border-radius: 4px; } "
        "#navigation::item:selected { background: palette(highlight); "
        "color: palette(highlighted-text); }"));
    const QList<std::pair<QStyle::StandardPixmap, QString>> entries = {
        {QStyle::SP_DirIcon, tr("Inventory")},
        {QStyle::SP_FileDialogDetailedView, tr("Sequences")},
        {QStyle::SP_FileIcon, tr("Notebook")}};
    for (const auto &[icon, label] : entries)
        new QListWidgetItem(style()->standardIcon(icon), label, m_navigation);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);
    return m_navigation;
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

} // namespace benchtop::app

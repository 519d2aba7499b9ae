// The main window: a navigation side bar (Inventory, Sequences, Notebook) beside the page it
// selects, and the active connection in the status bar.
#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QLabel;

namespace benchtop::models {
class LocationTreeModel;
}
namespace benchtop::widgets {
class InventoryView;
class OfflineBanner;
namespace notebook {
class NotebookView;
}
} // namespace benchtop::widgets

namespace benchtop::app {

class ActivityIndicator;
class ConnectionController;
class ConnectionDialog;
class Session;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { InventoryPage, SequencesPage, NotebookPage };

    explicit MainWindow(Session *session, QWidget *parent = nullptr);

    models::LocationTreeModel *locationModel() const { return m_locations; }
    widgets::InventoryView *inventoryView() const { return m_inventory; }
    widgets::OfflineBanner *offlineBanner() const { return m_offlineBanner; }
    widgets::notebook::NotebookView *notebookView() const { return m_notebook; }
    void showPage(Page page);
    Page currentPage() const;

    // Connections: the dialog (Connection menu) switches profiles through the controller;
    // setSession rebuilds the pages on another session without restarting.
    ConnectionController *connections() const { return m_connections; }
    ConnectionDialog *openConnectionDialog();
    void setSession(Session *session);
    Session *session() const { return m_session; }
    QString connectionText() const;
    // Long work registers here to show progress and offer Cancel in the status bar.
    ActivityIndicator *activity() const { return m_activity; }

private:
    QWidget *createNavigation();
    void createConnectionMenu();
    void createNotebook();

    Session *m_session;
    models::LocationTreeModel *m_locations;
    widgets::InventoryView *m_inventory;
    widgets::notebook::NotebookView *m_notebook = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages;
    widgets::OfflineBanner *m_offlineBanner;
    QLabel *m_connectionLabel;
    ConnectionController *m_connections = nullptr;
    ActivityIndicator *m_activity = nullptr;
};

} // namespace benchtop::app

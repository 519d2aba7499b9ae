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
} // namespace benchtop::widgets

namespace benchtop::app {

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
    void showPage(Page page);
    Page currentPage() const;

private:
    QWidget *createNavigation();

    Session *m_session;
    models::LocationTreeModel *m_locations;
    widgets::InventoryView *m_inventory;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages;
    widgets::OfflineBanner *m_offlineBanner;
    QLabel *m_connectionLabel;
};

} // namespace benchtop::app

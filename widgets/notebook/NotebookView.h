// The Notebook page: projects and folders (tree) beside the entries in the selected one,
// filtered by author, date, review status and a name search, beside the open entry's editor.
#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class QTreeView;
class QStackedWidget;
class QLabel;

namespace benchtop::models {
class ApiClient;
class ResourceStore;
class EntryListModel;
class FolderTreeModel;
} // namespace benchtop::models

namespace benchtop::widgets::notebook {

class EntryEditor;

class NotebookView : public QWidget
{
    Q_OBJECT
public:
    NotebookView(models::ApiClient *client, models::ResourceStore *store,
                 QWidget *parent = nullptr);

    models::FolderTreeModel *folders() const { return m_folders; }
    models::EntryListModel *entries() const { return m_entries; }
    QTreeView *folderTree() const { return m_tree; }
    QTableView *entryTable() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *authorFilter() const { return m_author; }
    QComboBox *dateFilter() const { return m_date; }
    QComboBox *reviewFilter() const { return m_review; }
    EntryEditor *editor() const;
    // Opens an entry in the editor (replacing the one open).
    EntryEditor *openEntry(const QString &entryId);
    void newEntryFromTemplate();

Q_SIGNALS:
    // A link to a sequence, tube, box, plate or location was clicked: the app opens it.
    void openResourceRequested(const QString &type, const QString &id);

private:
    void onFolderSelected();
    void applyFilters();

    models::ApiClient *m_client;
    models::ResourceStore *m_store;
    models::FolderTreeModel *m_folders;
    models::EntryListModel *m_entries;
    QTreeView *m_tree;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_author;
    QComboBox *m_date;
    QComboBox *m_review;
    QStackedWidget *m_right;
    QLabel *m_placeholder;
    QPointer<EntryEditor> m_editor;
    QString m_projectId;
    QString m_folderId;
};

} // namespace benchtop::widgets::notebook

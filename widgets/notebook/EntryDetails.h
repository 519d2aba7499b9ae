// The entry header's folder and authors: a folder picker (the notebook's folders grouped by
// project) and the authors as removable chips with "Add author…" (the tenant's users, searchable).
// It only reads models; each change the user makes is offered as a PATCH body (detailsEdited),
// and setEntry() shows what the server says (after a save, or to undo a refused change).
#pragma once

#include "models/notebook/NotebookJobs.h"
#include "models/notebook/UserDirectory.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QDialog;
class QHBoxLayout;
class QToolButton;

namespace benchtop::widgets::notebook {

class EntryDetails : public QWidget
{
    Q_OBJECT
public:
    explicit EntryDetails(QWidget *parent = nullptr);

    void setFolderModel(models::FolderTreeModel *folders);
    models::FolderTreeModel *folderModel() const { return m_folders; }
    void setUserDirectory(models::UserDirectory *users);
    // Shows the entry's folder and authors (drops any unsaved choice).
    void setEntry(const QJsonObject &entry);

    QComboBox *folderCombo() const { return m_folder; }
    QToolButton *addAuthorButton() const { return m_add; }
    // The chip removing author `userId`, if shown.
    QToolButton *authorChip(const QString &userId) const;
    QStringList authorIds() const;
    // The open "Add author" chooser, if any.
    QDialog *authorChooser() const { return m_chooser; }
    void openAuthorChooser();

Q_SIGNALS:
    // {folderId} or {authorIds} (a comma-separated string, as the spec's EntryUpdate has it).
    void detailsEdited(const QJsonObject &changes);

private:
    void rebuildFolders();
    void selectFolder(const QString &folderId);
    void rebuildChips();
    void addAuthor(const QString &id, const QString &name);
    void removeAuthor(const QString &id);
    void emitAuthors();

    QPointer<models::FolderTreeModel> m_folders;
    QPointer<models::UserDirectory> m_users;
    QComboBox *m_folder;
    QHBoxLayout *m_chips;
    QToolButton *m_add;
    QPointer<QDialog> m_chooser;
    QList<std::pair<QString, QString>> m_authors; // id, name
    QJsonObject m_entry;
};

} // namespace benchtop::widgets::notebook

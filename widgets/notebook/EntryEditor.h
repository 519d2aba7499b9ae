// One entry, read or edited: a header (name, display id, fields and authors, changed through
// PATCH /entries/{id}), a badge when the body cannot be written here, a bar offering reload or
// overwrite after a conflicting save, and the days with their notes (NoteBlocks). Every change
// to the body goes to the EntrySession at once, which keeps it as a draft on disk until the
// server has it.
#pragma once

#include "NoteBlocks.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QDateEdit;
class QFormLayout;
class QToolBar;
class QVBoxLayout;
class QAction;

namespace benchtop::models {
class ApiClient;
class EntryDraftStore;
class EntrySession;
class LinkNameResolver;
class FolderTreeModel;
class ResourceStore;
class UserDirectory;
} // namespace benchtop::models

namespace benchtop::widgets::notebook {

class EntryDetails;

class DayWidget : public QFrame
{
    Q_OBJECT
public:
    DayWidget(const QJsonObject &day, QWidget *parent = nullptr);
    QJsonObject toJson() const;
    void setEditable(bool editable);
    QList<NoteBlock *> blocks() const { return m_blocks; }
    NoteBlock *addNote(const QJsonObject &note, int at = -1);
    void renumber();
    QLineEdit *titleEdit() const { return m_title; }

Q_SIGNALS:
    void changed();
    void blockAdded(benchtop::widgets::notebook::NoteBlock *block);

private:
    QDateEdit *m_date;
    QLineEdit *m_title;
    QVBoxLayout *m_notes;
    QList<NoteBlock *> m_blocks;
    bool m_editable = false;
};

class EntryEditor : public QWidget
{
    Q_OBJECT
public:
    // `draftsDir` empty: the standard place (QStandardPaths::AppDataLocation/drafts).
    EntryEditor(models::ApiClient *client, const QString &entryId, QWidget *parent = nullptr,
                const QString &draftsDir = {});
    ~EntryEditor() override;

    models::EntrySession *session() const { return m_session; }
    QList<DayWidget *> days() const { return m_days; }
    // The body as shown (what a save writes).
    QJsonArray bodyJson() const;
    bool isEditable() const { return m_editable; }
    QLabel *readOnlyBadge() const { return m_badge; }
    QWidget *conflictBar() const { return m_conflictBar; }
    QLabel *statusLabel() const { return m_status; }
    QLineEdit *nameEdit() const { return m_name; }
    // The header's folder picker and authors editor.
    EntryDetails *details() const { return m_details; }
    // The notebook's store (the entry lists follow a saved entry) and folder tree (the folder
    // picker's choices). Without a folder tree the editor loads its own.
    void setContext(models::ResourceStore *store, models::FolderTreeModel *folders);
    NoteBlock *currentBlock() const { return m_current; }
    // The block a new note goes after, and the day it goes in.
    void setCurrentBlock(NoteBlock *block) { m_current = block; }

    void save();
    void addDay();
    NoteBlock *addNote(const QString &type);
    // Adds `link` ({type, id}) to the current note (a new text note naming it, when none).
    void insertLink(const QJsonObject &link, const QString &name);
    // Uploads `path` as a blob and adds an external_file note for it.
    void attachFile(const QString &path);
    void exportPdf(const QString &savePath = {});
    void printLocally();
    void applyHeader();
    void showMeta();

Q_SIGNALS:
    void openResourceRequested(const QString &type, const QString &id);
    void message(const QString &text);
    void exportFinished(bool ok, const QString &pathOrError);
    void attachFinished(bool ok, const QString &blobIdOrError);

private:
    void buildBody();
    void wireBlock(NoteBlock *block);
    void bodyChanged();
    void updateMode();
    void openInsertLinkDialog();
    void onFileRequested(const QString &fileId, const QString &name, bool save);
    QString linkName(const QJsonObject &link) const;

    models::ApiClient *m_client;
    models::EntrySession *m_session;
    models::LinkNameResolver *m_names;
    QToolBar *m_toolbar;
    QLineEdit *m_name;
    QLabel *m_meta;
    EntryDetails *m_details;
    models::UserDirectory *m_users;
    QFormLayout *m_fields;
    QList<std::pair<QString, QLineEdit *>> m_fieldEdits;
    QLabel *m_badge;
    QWidget *m_conflictBar;
    QLabel *m_conflictText;
    QLabel *m_status;
    QWidget *m_bodyHost;
    QVBoxLayout *m_bodyLayout;
    QList<DayWidget *> m_days;
    QPointer<NoteBlock> m_current;
    QList<QAction *> m_editActions;
    bool m_editable = false;
    bool m_building = false;
};

} // namespace benchtop::widgets::notebook

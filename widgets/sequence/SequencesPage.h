// The Sequences page: a browser of the server's DNA, RNA and AA sequences beside the editor.
// Opening, saving (one PATCH, with a conflict check), importing (File ▸ Import or a dropped
// GenBank/FASTA/SnapGene file, each record created on the server), exporting GenBank/FASTA,
// auto-annotation with the server's feature libraries, and local drafts of unsaved edits.
#pragma once

#include "bio/Record.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace benchtop::models {
class ApiClient;
class ResourceStore;
class SequenceListModel;
class SequenceRepository;
class SequenceDraftStore;
} // namespace benchtop::models

namespace benchtop::widgets {

class SequenceEditor;

class SequencesPage : public QWidget
{
    Q_OBJECT
public:
    SequencesPage(models::ApiClient *client, models::ResourceStore *store,
                  QWidget *parent = nullptr);
    ~SequencesPage() override;

    SequenceEditor *editor() const { return m_editor; }
    QTableView *list() const { return m_list; }
    models::SequenceListModel *listModel() const { return m_model; }
    models::SequenceRepository *repository() const { return m_repository; }
    QString currentId() const { return m_id; }
    void setDraftFolder(const QString &folder);

    // The browser lists one kind at a time (its combo box): DNA, RNA or protein.
    enum class Kind { Dna, Rna, Protein };
    void showKind(Kind kind);

    void openSequence(const QString &id);
    void save(bool force = false);
    // Reads a GenBank, FASTA or SnapGene file and creates its records on the server; the last
    // one opens. False (with *error) if the file cannot be read.
    bool importFile(const QString &path, QString *error = nullptr);
    // Whether a file's name says it holds sequences (GenBank, FASTA, SnapGene; .gz or not):
    // what the import dialog offers and what the main window takes when dropped. The reader
    // goes by the content, not the name.
    static bool isSequenceFile(const QString &path);
    // Opens a file in the editor without creating it on the server (nothing to save to).
    bool openFile(const QString &path, QString *error = nullptr);
    bool exportFile(const QString &path, QString *error = nullptr) const;

public Q_SLOTS:
    void chooseImport();
    void chooseExport();
    void autoAnnotate();

Q_SIGNALS:
    void message(const QString &text);
    void sequenceOpened(const QString &id);
    void sequenceSaved(const QString &id);
    void conflictDetected(const QString &id);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    std::optional<QList<bio::Record>> readFile(const QString &path, QString *error) const;
    void setKind(int index);
    void onOpened(const QString &id, const bio::Record &record, const QString &modifiedAt);
    void writeDraft();

    models::ApiClient *m_client;
    models::ResourceStore *m_store;
    models::SequenceRepository *m_repository;
    std::unique_ptr<models::SequenceDraftStore> m_drafts;
    QComboBox *m_kind;
    models::SequenceListModel *m_model = nullptr;
    QTableView *m_list;
    SequenceEditor *m_editor;
    QLabel *m_title;
    QPushButton *m_save;
    QWidget *m_draftBar;
    QString m_id;
    QString m_modifiedAt;
    QTimer m_draftTimer;
    int m_pendingImports = 0;
};

} // namespace benchtop::widgets

#include "SequencesPage.h"

#include "SequenceEditor.h"
#include "bio/Fasta.h"
#include "bio/GenBank.h"
#include "bio/Gzip.h"
#include "bio/SnapGene.h"
#include "models/ResourceListModel.h"
#include "models/sequence/DraftStore.h"
#include "models/sequence/SequenceDocument.h"
#include "models/sequence/SequenceRepository.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

namespace {
const QList<std::pair<QString, QString>> kCollections = {
    {QStringLiteral("/dna-sequences"), QStringLiteral("dnaSequences")},
    {QStringLiteral("/rna-sequences"), QStringLiteral("rnaSequences")},
    {QStringLiteral("/aa-sequences"), QStringLiteral("aaSequences")}};
}

SequencesPage::SequencesPage(models::ApiClient *client, models::ResourceStore *store,
                             QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_store(store)
    , m_repository(new models::SequenceRepository(client, store, this))
    , m_drafts(std::make_unique<models::SequenceDraftStore>())
    , m_kind(new QComboBox(this))
    , m_list(new QTableView(this))
    , m_editor(new SequenceEditor(this))
    , m_title(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_draftBar(new QWidget(this))
{
    setAcceptDrops(true);
    m_kind->addItems({tr("DNA"), tr("RNA"), tr("Protein")});
    connect(m_kind, &QComboBox::currentIndexChanged, this, &SequencesPage::setKind);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(4, 4, 0, 4);
    browserLayout->addWidget(m_kind);
    browserLayout->addWidget(m_list, 1);
    auto *importButton = new QPushButton(tr("Import…"), browser);
    connect(importButton, &QPushButton::clicked, this, &SequencesPage::chooseImport);
    browserLayout->addWidget(importButton);

    QToolBar *bar = m_editor->toolBar();
    bar->insertWidget(bar->actions().value(0), m_save);
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    bar->addAction(tr("Auto-annotate"), this, &SequencesPage::autoAnnotate);
    bar->addAction(tr("Export…"), this, &SequencesPage::chooseExport);

    auto *draftLayout = new QHBoxLayout(m_draftBar);
    draftLayout->setContentsMargins(6, 2, 6, 2);
    draftLayout->addWidget(
        new QLabel(tr("This sequence has unsaved edits from an earlier session."), m_draftBar), 1);
    auto *restore = new QPushButton(tr("Restore draft"), m_draftBar);
    auto *discard = new QPushButton(tr("Discard"), m_draftBar);
    draftLayout->addWidget(restore);
    draftLayout->addWidget(discard);
    m_draftBar->hide();
    connect(restore, &QPushButton::clicked, this, [this] {
        if (const auto draft = m_drafts->read(m_id)) {
            bio::Record record = draft->record;
            m_editor->document()->setRecord(record);
            m_editor->document()->undoStack()->resetClean(); // restored edits are unsaved
        }
        m_draftBar->hide();
    });
    connect(discard, &QPushButton::clicked, this, [this] {
        m_drafts->remove(m_id);
        m_draftBar->hide();
    });

    auto *editorColumn = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorColumn);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    m_title->setContentsMargins(8, 6, 8, 6);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setText(tr("Choose a sequence, or import one (drop a file here)."));
    editorLayout->addWidget(m_title);
    editorLayout->addWidget(m_draftBar);
    editorLayout->addWidget(m_editor, 1);

    auto *split = new QSplitter(this);
    split->addWidget(browser);
    split->addWidget(editorColumn);
    split->setStretchFactor(1, 1);
    split->setSizes({260, 900});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(3000);
    connect(&m_draftTimer, &QTimer::timeout, this, &SequencesPage::writeDraft);
    models::SequenceDocument *doc = m_editor->document();
    connect(doc->undoStack(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { m_save->setEnabled(!clean && !m_id.isEmpty()); });
    connect(doc, &models::SequenceDocument::changed, this, [this] {
        if (!m_id.isEmpty() && m_editor->document()->isModified())
            m_draftTimer.start();
    });
    connect(m_repository, &models::SequenceRepository::opened, this, &SequencesPage::onOpened);
    connect(m_repository, &models::SequenceRepository::failed, this, &SequencesPage::message);
    connect(m_repository, &models::SequenceRepository::saved, this,
            [this](const QString &id, const QString &modifiedAt) {
                if (id != m_id)
                    return;
                m_modifiedAt = modifiedAt;
                m_editor->document()->undoStack()->setClean();
                m_drafts->remove(id);
                Q_EMIT message(tr("Saved."));
                Q_EMIT sequenceSaved(id);
            });
    connect(m_repository, &models::SequenceRepository::conflict, this, [this](const QString &id) {
        Q_EMIT conflictDetected(id);
        auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Changed on the server"),
            tr("Someone saved this sequence after you opened it. Reload their version "
               "(your edits stay in the local draft) or overwrite it with yours?"),
            QMessageBox::Cancel, this);
        QPushButton *reload = box->addButton(tr("Reload"), QMessageBox::AcceptRole);
        QPushButton *overwrite = box->addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box, reload, overwrite] {
            if (box->clickedButton() == reload) {
                writeDraft();
                m_repository->open(m_id);
            } else if (box->clickedButton() == overwrite) {
                save(true);
            }
        });
        box->open();
    });
    connect(m_repository, &models::SequenceRepository::imported, this, [this](const QString &id) {
        if (--m_pendingImports <= 0) {
            setKind(m_kind->currentIndex()); // list again: the new sequence shows
            openSequence(id);
        }
    });
    connect(m_editor, &SequenceEditor::message, this, &SequencesPage::message);
    connect(m_list, &QTableView::activated, this,
            [this](const QModelIndex &index) { openSequence(m_model->idAt(index.row())); });
    connect(m_list, &QTableView::clicked, this,
            [this](const QModelIndex &index) { openSequence(m_model->idAt(index.row())); });
    setKind(0);
}

SequencesPage::~SequencesPage()
{
    if (m_draftTimer.isActive())
        writeDraft();
}

void SequencesPage::setDraftFolder(const QString &folder)
{
    m_drafts = std::make_unique<models::SequenceDraftStore>(folder);
}

void SequencesPage::showKind(Kind kind)
{
    m_kind->setCurrentIndex(int(kind));
}

void SequencesPage::setKind(int index)
{
    delete m_model;
    const auto &[path, key] = kCollections.value(index);
    m_model = new models::SequenceListModel(m_client, m_store, {path, key}, this);
    m_model->setSort(QStringLiteral("name:asc"));
    m_list->setModel(m_model);
}

void SequencesPage::openSequence(const QString &id)
{
    if (id.isEmpty() ||
        (id == m_id && !m_editor->document()->isModified() && m_editor->document()->length() > 0))
        return;
    if (m_draftTimer.isActive())
        writeDraft();
    m_repository->open(id);
}

void SequencesPage::onOpened(const QString &id, const bio::Record &record,
                             const QString &modifiedAt)
{
    m_id = id;
    m_modifiedAt = modifiedAt;
    m_editor->document()->setRecord(record);
    // A protein has no topology to speak of.
    m_title->setText(
        record.kind == bio::MoleculeKind::Protein
            ? tr("%1 — %2 aa").arg(record.name, QLocale().toString(record.length()))
            : tr("%1 — %2 bp, %3")
                  .arg(record.name, QLocale().toString(record.length()),
                       record.topology == bio::Topology::Circular ? tr("circular") : tr("linear")));
    m_save->setEnabled(false);
    const auto draft = m_drafts->read(id);
    m_draftBar->setVisible(draft.has_value() && draft->record != record);
    Q_EMIT sequenceOpened(id);
}

void SequencesPage::save(bool force)
{
    if (m_id.isEmpty())
        return;
    m_repository->save(m_id, m_editor->document()->record(), m_modifiedAt, force);
}

void SequencesPage::writeDraft()
{
    m_draftTimer.stop();
    if (!m_id.isEmpty() && m_editor->document()->isModified())
        m_drafts->write(m_id, m_editor->document()->record(), m_modifiedAt);
}

bool SequencesPage::importFile(const QString &path, QString *error)
{
    const auto records = readFile(path, error);
    if (!records)
        return false;
    m_pendingImports += int(records->size());
    for (const bio::Record &record : *records)
        m_repository->import(record);
    return true;
}

bool SequencesPage::openFile(const QString &path, QString *error)
{
    const auto records = readFile(path, error);
    if (!records)
        return false;
    m_id.clear();
    m_modifiedAt.clear();
    onOpened({}, records->first(), {});
    m_id.clear();
    return true;
}

std::optional<QList<bio::Record>> SequencesPage::readFile(const QString &path, QString *error) const
{
    QString readError;
    const std::optional<QByteArray> data = bio::readMaybeGzippedFile(path, &readError);
    if (!data) {
        if (error)
            *error = readError;
        return std::nullopt;
    }
    QList<bio::Record> records;
    QString problem;
    if (data->startsWith("\x09")) {
        const bio::SnapGeneResult read = bio::readSnapGene(*data);
        if (read.ok())
            records = {read.record};
        else
            problem = read.error->toString();
        if (read.ok() && records.first().name.isEmpty())
            records.first().name = QFileInfo(path).completeBaseName();
    } else if (data->trimmed().startsWith('>')) {
        const bio::FastaResult read = bio::readFasta(*data);
        records = read.records;
        if (!read.ok())
            problem = read.error->toString();
    } else {
        const bio::GenBankResult read = bio::readGenBank(*data);
        records = read.records;
        if (!read.ok())
            problem = read.error->toString();
    }
    if (records.isEmpty()) {
        if (error)
            *error = problem.isEmpty() ? tr("%1 holds no sequence.").arg(QFileInfo(path).fileName())
                                       : tr("%1: %2").arg(QFileInfo(path).fileName(), problem);
        return std::nullopt;
    }
    return records;
}

bool SequencesPage::exportFile(const QString &path, QString *error) const
{
    const bio::Record &record = m_editor->document()->record();
    const bool fasta = path.endsWith(u".fa") || path.endsWith(u".fasta") ||
                       path.endsWith(u".fna") || path.endsWith(u".faa");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(fasta ? bio::writeFasta({record}) : bio::writeGenBank(record));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

namespace {
const QStringList kSequenceSuffixes = {u"gb"_s,  u"gbk"_s, u"genbank"_s, u"gbff"_s,
                                       u"ape"_s, u"fa"_s,  u"fasta"_s,   u"fna"_s,
                                       u"faa"_s, u"fas"_s, u"dna"_s,     u"prot"_s};
} // namespace

bool SequencesPage::isSequenceFile(const QString &path)
{
    QString name = path.toLower();
    if (name.endsWith(u".gz"))
        name.chop(3);
    return kSequenceSuffixes.contains(QFileInfo(name).suffix());
}

void SequencesPage::chooseImport()
{
    QStringList patterns;
    for (const QString &suffix : kSequenceSuffixes)
        patterns << u"*."_s + suffix;
    patterns << u"*.gz"_s;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import sequences"), {},
        tr("Sequence files (%1);;All files (*)").arg(patterns.join(u' ')));
    for (const QString &path : paths) {
        QString error;
        if (!importFile(path, &error))
            Q_EMIT message(error);
    }
}

void SequencesPage::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export sequence"), m_editor->document()->record().name + QStringLiteral(".gb"),
        tr("GenBank (*.gb *.gbk);;FASTA (*.fa *.fasta)"));
    QString error;
    if (!path.isEmpty() && !exportFile(path, &error))
        Q_EMIT message(tr("Not exported: %1").arg(error));
}

void SequencesPage::autoAnnotate()
{
    if (m_id.isEmpty())
        return;
    if (m_editor->document()->isModified()) {
        Q_EMIT message(tr("Save your edits first: auto-annotate works on the saved sequence."));
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_repository, &models::SequenceRepository::librariesListed, this,
                          [this, connection](const QStringList &ids, const QStringList &) {
                              disconnect(*connection);
                              if (ids.isEmpty()) {
                                  Q_EMIT message(tr("The server has no feature library."));
                                  return;
                              }
                              Q_EMIT message(tr("Auto-annotating…"));
                              m_repository->autoAnnotate(m_id, ids);
                          });
    m_repository->listFeatureLibraries();
}

void SequencesPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void SequencesPage::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        QString error;
        if (url.isLocalFile() && !importFile(url.toLocalFile(), &error))
            Q_EMIT message(error);
    }
    event->acceptProposedAction();
}

} // namespace benchtop::widgets

// `benchtop --screenshot FILE`: waits until the inventory has loaded (top level, then the first
// freezer opened one level down so the picture shows the hierarchy), saves the window, and ends
// the app with 0 — or with 1 and a message if loading failed or took too long.
#pragma once

#include <QObject>
#include <QPersistentModelIndex>
#include <QTimer>

namespace benchtop::app {

class MainWindow;

class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    ScreenshotRunner(MainWindow *window, QString path, int timeoutMs, QObject *parent = nullptr);

    void start();
    // "inventory-boxes": two boxes side by side; "plate": the 96-well plate. Empty: the tree.
    // Instead of the inventory: "sequence:NAME" opens the server's sequence called NAME on the
    // Sequences page ("protein:NAME" a protein); "sequence-file:PATH" opens a GenBank/FASTA file
    // there without importing.
    // "notebook": the notebook's entry with a table and links open.
    // "find:TEXT": Inventory ▸ Find looks TEXT up (a barcode or a name), as a scan would.
    void setView(const QString &view) { m_view = view; }

Q_SIGNALS:
    void done(int exitCode, const QString &message);

private:
    enum class Stage { TopLevel, Freezer, Shelf };
    void open(Stage stage, const QModelIndex &index);
    void onLoaded(const QModelIndex &parent, bool complete);
    void finish(int exitCode, const QString &message);
    void capture();
    void openView(int round);
    void startSequence();
    void startFind();
    bool m_captureStarted = false;
    void startNotebook();

    MainWindow *m_window;
    QString m_path;
    QTimer m_timeout;
    Stage m_stage = Stage::TopLevel;
    QPersistentModelIndex m_expanding;
    bool m_finished = false;
    QString m_view;
};

} // namespace benchtop::app

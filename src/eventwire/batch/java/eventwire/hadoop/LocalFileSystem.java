package eventwire.hadoop;

/**
 * The checksummed local file system ({@code file://}) that Hadoop uses by default, over the RawLocalFileSystem
 * of this package. Set {@code fs.file.impl} to this class to use it.
 */
public class LocalFileSystem extends org.apache.hadoop.fs.LocalFileSystem {

  public LocalFileSystem() {
    super(new RawLocalFileSystem());
  }
}

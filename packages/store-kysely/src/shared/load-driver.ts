import { SqlStoreError } from "./store-errors.js";

/**
 * Loads a driver the caller installed beside this package (an optional peer
 * dependency), or says in both languages which one to install.
 */
export const loadDriver = async <M>(pkg: string, range: string, store: string): Promise<M> => {
  try {
    const loaded = (await import(/* @vite-ignore */ pkg)) as { default?: M } & M;
    return (loaded.default ?? loaded) as M;
  } catch (cause) {
    throw new SqlStoreError("misuse", store, {
      detail: { zh: `未能加载驱动 ${pkg}，请安装：npm install ${pkg}@${range}`, en: `could not load the driver ${pkg}: install it with npm install ${pkg}@${range}` },
      cause,
    });
  }
};

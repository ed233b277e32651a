const f=document.getElementById("cari"),q=document.getElementById("q"),st=document.getElementById("cari-status"),out=document.getElementById("cari-hasil"),root=f.dataset.root,vars=JSON.parse(f.dataset.variants);let pf,timer,seq=0;
f.hidden=false;f.addEventListener("submit",e=>{e.preventDefault();run(q.value)});
q.addEventListener("input",()=>{clearTimeout(timer);timer=setTimeout(()=>run(q.value),250)});
function load(){pf=pf||(async()=>{const p=await import(root+"pagefind/pagefind.js");await p.options({baseUrl:"/",excerptLength:18});await p.init();for(const b of JSON.parse(f.dataset.merge))await p.mergeIndex(root+b,{baseUrl:"/"});return p})().catch(e=>{pf=null;throw e});return pf}
const known=JSON.parse(f.dataset.words);
function dist(a,b){let row=[...Array(b.length+1).keys()];for(let i=1;i<=a.length;i++){let prev=row[0]++;for(let j=1;j<=b.length;j++){const t=row[j];row[j]=Math.min(row[j]+1,row[j-1]+1,prev+(a[i-1]!==b[j-1]));prev=t}}return row[b.length]}
const near=w=>{if(w.length<4||known.includes(w))return w;let best=w,most=w.length>6?2:1;for(const k of known){const d=dist(w,k);if(d<=most){most=d-1;best=k}}return best};
const words=s=>s.toLowerCase().split(/\s+/).filter(Boolean).map(w=>vars[w]||near(w));
const cut=(ws,n)=>ws.map(w=>w.length>3+n?w.slice(0,w.length-n):w).join(" ");
async function run(text){const me=++seq;text=text.trim();out.textContent="";if(!text){st.textContent="";return}
try{const p=await load(),ws=words(text);let r;for(const n of [0,1,2]){r=await p.search(cut(ws,n));if(r.results.length)break}
if(me!==seq)return;const items=(await Promise.all(r.results.slice(0,15).map(x=>x.data()))).sort((a,b)=>(a.meta.rank??2)-(b.meta.rank??2)).slice(0,10);
st.textContent=items.length?f.dataset.found.replace("{n}",r.results.length):f.dataset.none;
for(const d of items){const li=document.createElement("li"),a=document.createElement("a"),b=document.createElement("strong"),m=document.createElement("span");
a.href=root+d.url.slice(1);b.textContent=d.meta.title;m.className="meta";m.innerHTML=d.excerpt;a.append(b,m);li.append(a);out.append(li)}
}catch(e){st.textContent=f.dataset.offline}}
const first=new URLSearchParams(location.search).get("q");if(first){q.value=first;run(first)}
